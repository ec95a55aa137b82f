package com.example.database.migrate;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.smallrye.config.SmallRyeConfig;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.postgresql.Driver;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Gives Flyway's connection over the direct URL the connection properties of the pool, but for
 * the statement timeout.
 *
 * <p>When migrations have a URL of their own ({@code quarkus.flyway.jdbc-url}: Neon's direct
 * host, while the pool goes through the pooler), Flyway opens that connection itself, without
 * the pool's {@code additional-jdbc-properties} (application.properties). Without
 * {@code loginTimeout}, a database that accepts the connection and never answers would hold
 * {@code migrate}, or the one thread of the started probe's schema check, for ever. The URL's own
 * parameters win, as they do for the pool.
 */
@Singleton
public class DirectConnectionProperties implements FlywayConfigurationCustomizer {

    private static final String POOL_PROPERTIES = "quarkus.datasource.jdbc.additional-jdbc-properties";
    /** pgjdbc's statement timeout, which the pool has and migrations do not. */
    private static final String STATEMENT_TIMEOUT = "queryTimeout";

    private final SmallRyeConfig config;

    DirectConnectionProperties(SmallRyeConfig config) {
        this.config = config;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        Optional<String> url = config.getOptionalValue("quarkus.flyway.jdbc-url", String.class);
        Optional<String> username = config.getOptionalValue("quarkus.flyway.username", String.class);
        Optional<String> password = config.getOptionalValue("quarkus.flyway.password", String.class);
        if (url.isEmpty() || username.isEmpty() || password.isEmpty()) {
            return; // Flyway uses the pool, properties included (and Quarkus refuses a URL without credentials)
        }
        Map<String, String> poolProperties = config.getOptionalValues(POOL_PROPERTIES, String.class, String.class)
                .orElse(Map.of());
        configuration.dataSource(withDefaults(url.get(), forMigrations(poolProperties)), username.get(), password.get());
    }

    /**
     * The pool's properties less its statement timeout: a migration may run longer than a
     * request's statement, and sets its own limits (README "Deadlines").
     */
    static Map<String, String> forMigrations(Map<String, String> poolProperties) {
        Map<String, String> properties = new HashMap<>(poolProperties);
        properties.remove(STATEMENT_TIMEOUT);
        return properties;
    }

    /** {@code jdbcUrl} with each of {@code defaults} that it does not set itself, as URL parameters. */
    static String withDefaults(String jdbcUrl, Map<String, String> defaults) {
        Properties own = Driver.parseURL(jdbcUrl, null);
        if (own == null) {
            return jdbcUrl; // not a URL pgjdbc reads: it fails on its own, with its own message
        }
        StringBuilder url = new StringBuilder(jdbcUrl);
        char separator = jdbcUrl.indexOf('?') < 0 ? '?' : '&';
        for (Map.Entry<String, String> property : new TreeMap<>(defaults).entrySet()) {
            if (own.getProperty(property.getKey()) == null) {
                url.append(separator).append(property.getKey()).append('=')
                        .append(URLEncoder.encode(property.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return url.toString();
    }
}
