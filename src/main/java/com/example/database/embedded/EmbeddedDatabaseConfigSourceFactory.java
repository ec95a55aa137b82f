package com.example.database.embedded;

import com.example.database.url.PostgresUrl;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Supplies the datasource in dev mode and tests when none is configured, so that
 * {@code ./mvnw quarkus:dev} and {@code ./mvnw verify} need nothing but a JDK.
 *
 * <ul>
 *   <li>tests: {@code TEST_DATABASE_URL} (libpq or JDBC URL) when set, else the embedded server;
 *       tests never read {@code DATABASE_URL}, which may point at production;</li>
 *   <li>dev: the embedded server;</li>
 *   <li>any other profile (prod): nothing, so a missing URL fails start-up as it should.</li>
 * </ul>
 *
 * <p>The embedded server starts lazily, on the first lookup of the URL: Quarkus deactivates a
 * datasource without a URL before any start-up event could start it.
 */
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    /** Below application.properties (250) and the environment (300): anything explicit wins. */
    static final int ORDINAL = 150;

    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    static final String USERNAME = "quarkus.datasource.username";
    static final String PASSWORD = "quarkus.datasource.password";
    static final String TEST_DATABASE_URL = "TEST_DATABASE_URL";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean test = profiles.contains("test");
        if (!test && !profiles.contains("dev") || isSet(context.getValue(JDBC_URL))) {
            return List.of();
        }
        ConfigValue testUrl = context.getValue(TEST_DATABASE_URL);
        if (test && isSet(testUrl)) {
            return List.of(new FixedSource(PostgresUrl.parse(testUrl.getValue())));
        }
        return List.of(new EmbeddedSource());
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    /** A database named by {@code TEST_DATABASE_URL}. */
    private static final class FixedSource implements ConfigSource {
        private final Map<String, String> properties;

        FixedSource(PostgresUrl url) {
            properties = new HashMap<>();
            properties.put(JDBC_URL, url.jdbcUrl());
            url.username().ifPresent(username -> properties.put(USERNAME, username));
            url.password().ifPresent(password -> properties.put(PASSWORD, password));
        }

        @Override
        public Set<String> getPropertyNames() {
            return properties.keySet();
        }

        @Override
        public String getValue(String propertyName) {
            return properties.get(propertyName);
        }

        @Override
        public String getName() {
            return "TEST_DATABASE_URL";
        }

        @Override
        public int getOrdinal() {
            return ORDINAL;
        }
    }

    /** The embedded server, started when its URL is first asked for. */
    private static final class EmbeddedSource implements ConfigSource {
        @Override
        public Set<String> getPropertyNames() {
            return Set.of(JDBC_URL, USERNAME);
        }

        @Override
        public String getValue(String propertyName) {
            return switch (propertyName) {
                case JDBC_URL -> EmbeddedPostgresServer.jdbcUrl();
                case USERNAME -> EmbeddedPostgresServer.username();
                default -> null;
            };
        }

        @Override
        public String getName() {
            return "embedded PostgreSQL";
        }

        @Override
        public int getOrdinal() {
            return ORDINAL;
        }
    }
}
