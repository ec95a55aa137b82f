package com.example.database.migrate;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Flyway keeps other migrators out with a PostgreSQL advisory lock, by default one held by an
 * open transaction for the whole run. {@code CREATE INDEX CONCURRENTLY} waits for every
 * transaction older than itself to end, Flyway's own included, so a migration that builds an
 * index without blocking writes (V4) would wait for ever. A session-level lock excludes other
 * migrators just as well, and holds no transaction open.
 */
@Singleton
public class SessionMigrationLock implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
    }
}
