package com.example.database.config;

import com.example.database.embedded.EmbeddedPostgresServer;
import com.example.database.url.InvalidDatabaseUrlException;
import com.example.database.url.PostgresUrl;
import io.quarkus.runtime.ExecutionMode;
import io.quarkus.runtime.ExecutionModeManager;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Turns the database variables of the environment into Quarkus datasource and Flyway settings,
 * so that the service connects the way Neon hands out credentials: libpq URIs in
 * {@code DATABASE_URL} and its family (see {@link DatabaseUrls}).
 *
 * <ul>
 *   <li>tests: {@code TEST_DATABASE_URL} when set, else the embedded server; tests never read
 *       {@code DATABASE_URL}, which may point at production;</li>
 *   <li>dev: the {@code DATABASE_URL} family when set, else the embedded server;</li>
 *   <li>any other profile (prod): the {@code DATABASE_URL} family, or nothing, and the service
 *       refuses to start ({@link DatabaseConfigCheck}).</li>
 * </ul>
 *
 * <p>An explicit {@code quarkus.datasource.jdbc.url} (e.g. {@code QUARKUS_DATASOURCE_JDBC_URL})
 * wins: then this factory adds nothing. The embedded server starts lazily, on the first lookup
 * of the URL, because Quarkus deactivates a datasource without a URL before any start-up
 * event could start it.
 *
 * <p>While Quarkus builds the application, this factory adds nothing: Quarkus records the
 * values of such sources into the artifact, and a {@code DATABASE_URL} in the build's
 * environment, password included, would end up in the jar.
 */
public class DatabaseConfigSourceFactory implements ConfigSourceFactory {

    /** Below application.properties (250) and the environment (300): anything explicit wins. */
    static final int ORDINAL = 150;

    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    static final String ALLOW_INSECURE = "database.allow-insecure";
    /** Why the DATABASE_URL family cannot be used, when it cannot: the message, never the URL. */
    static final String INVALID_URL = "database.invalid-url";
    static final String TEST_DATABASE_URL = "TEST_DATABASE_URL";

    /** The properties each role sets: URL, user, password. */
    private static final List<String> APPLICATION =
            List.of(JDBC_URL, "quarkus.datasource.username", "quarkus.datasource.password");
    private static final List<String> MIGRATIONS =
            List.of("quarkus.flyway.jdbc-url", "quarkus.flyway.username", "quarkus.flyway.password");
    private static final List<String> REPLICA = List.of("quarkus.datasource.replica.jdbc.url",
            "quarkus.datasource.replica.username", "quarkus.datasource.replica.password");

    private final boolean outsideQuarkus;

    /** As registered with the ServiceLoader: active only in a starting or running application. */
    public DatabaseConfigSourceFactory() {
        this(false);
    }

    private DatabaseConfigSourceFactory(boolean outsideQuarkus) {
        this.outsideQuarkus = outsideQuarkus;
    }

    /** For code that resolves the configuration without Quarkus: tests. */
    public static DatabaseConfigSourceFactory outsideQuarkus() {
        return new DatabaseConfigSourceFactory(true);
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!outsideQuarkus && ExecutionModeManager.getExecutionMode() == ExecutionMode.UNSET) {
            return List.of(); // Quarkus is building the application: record nothing from the environment
        }
        List<String> profiles = context.getProfiles();
        if (profiles.contains("test")) {
            return testDatabase(context);
        }
        if (value(context, JDBC_URL).isPresent()) {
            return List.of();
        }
        Optional<DatabaseUrls> urls;
        try {
            urls = DatabaseUrls.read(name -> value(context, name),
                    value(context, ALLOW_INSECURE).map(Boolean::parseBoolean).orElse(false));
        } catch (InvalidDatabaseUrlException e) {
            // DatabaseConfigCheck ends the process with this message once Quarkus has set up its
            // logging: thrown from here, it would come after a raw dump of the start-up log.
            return List.of(new DatabaseSource("DATABASE_URL", Map.of(INVALID_URL, e.getMessage())));
        }
        if (urls.isPresent()) {
            Map<String, String> properties = properties(APPLICATION, urls.get().primary().url());
            if (urls.get().direct() != urls.get().primary()) {
                // Otherwise Flyway uses the application's datasource, which is the same database.
                properties.putAll(properties(MIGRATIONS, urls.get().direct().url()));
            }
            urls.get().replica().ifPresent(replica -> properties.putAll(properties(REPLICA, replica.url())));
            return List.of(new DatabaseSource("DATABASE_URL", properties));
        }
        return profiles.contains("dev") ? List.of(new EmbeddedSource()) : List.of();
    }

    /**
     * Tests get {@code TEST_DATABASE_URL} or the embedded server. A datasource URL meant for
     * another profile (QUARKUS_DATASOURCE_JDBC_URL exported in a shell, say) may be production,
     * which tests would migrate and fill: refuse it. One set for tests on purpose
     * ({@code %test.quarkus.datasource.jdbc.url}) is used as it is.
     */
    private static List<ConfigSource> testDatabase(ConfigSourceContext context) {
        if (value(context, "%test." + JDBC_URL).isPresent()) {
            return List.of();
        }
        ConfigValue explicit = context.getValue(JDBC_URL);
        // Quarkus's own record of values (ordinal 0) is not someone's setting; anything above us is.
        if (explicit != null && explicit.getValue() != null && explicit.getConfigSourceOrdinal() > ORDINAL) {
            throw new ConfigurationException("Tests do not use quarkus.datasource.jdbc.url (QUARKUS_DATASOURCE_JDBC_URL),"
                    + " which may point at production: unset it, and give tests a disposable database in "
                    + TEST_DATABASE_URL, Set.of());
        }
        return List.of(value(context, TEST_DATABASE_URL)
                .<ConfigSource>map(url -> new DatabaseSource(TEST_DATABASE_URL, properties(APPLICATION, parse(url))))
                .orElseGet(EmbeddedSource::new));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static Optional<String> value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return Optional.ofNullable(value == null ? null : value.getValue()).filter(v -> !v.isBlank());
    }

    private static PostgresUrl parse(String url) {
        try {
            return PostgresUrl.parse(url);
        } catch (InvalidDatabaseUrlException e) {
            throw new ConfigurationException(TEST_DATABASE_URL + ": " + e.getMessage(), Set.of());
        }
    }

    /** URL, user and password of {@code url} under the three property names of a role. */
    private static Map<String, String> properties(List<String> names, PostgresUrl url) {
        Map<String, String> properties = new HashMap<>();
        properties.put(names.get(0), url.jdbcUrl());
        url.username().ifPresent(username -> properties.put(names.get(1), username));
        url.password().ifPresent(password -> properties.put(names.get(2), password));
        return properties;
    }

    /** Fixed properties, from a URL the environment gave. */
    private static final class DatabaseSource implements ConfigSource {
        private final String name;
        private final Map<String, String> properties;

        DatabaseSource(String name, Map<String, String> properties) {
            this.name = name;
            this.properties = Map.copyOf(properties);
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
            return name;
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
            return Set.of(APPLICATION.get(0), APPLICATION.get(1));
        }

        @Override
        public String getValue(String propertyName) {
            if (propertyName.equals(APPLICATION.get(0))) {
                return EmbeddedPostgresServer.jdbcUrl();
            }
            return propertyName.equals(APPLICATION.get(1)) ? EmbeddedPostgresServer.username() : null;
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
