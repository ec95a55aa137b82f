package com.example.database.migrate;

import io.quarkus.runtime.QuarkusApplication;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * {@code migrate}: applies pending Flyway migrations over the direct (unpooled) URL, reports
 * the schema version and exits 0, or exits 1 with Flyway's message. Same artifact, same
 * environment as the service, so a deploy pipeline runs exactly what it ships.
 */
public class MigrateCommand implements QuarkusApplication {

    public static final String NAME = "migrate";

    private static final Logger LOG = Logger.getLogger(MigrateCommand.class);

    private final Flyway flyway;

    MigrateCommand(Flyway flyway) {
        this.flyway = flyway;
    }

    /**
     * Settings for this run only: never open the HTTP port, migrate here, not at start, and
     * connect over the direct URL only (no start-up attempt on the application's pool), and say
     * nothing about who may write over HTTP. A migration may run, and wait for locks, longer than
     * a request: the driver does not cancel its statements at the service's statement timeout
     * (README "Deadlines": migrations set their own lock_timeout).
     */
    public static void prepare() {
        System.setProperty("quarkus.http.host-enabled", "false");
        System.setProperty("quarkus.datasource.jdbc.additional-jdbc-properties.queryTimeout", "0");
        System.setProperty("quarkus.flyway.migrate-at-start", "false");
        System.setProperty("database.health.connect-at-start", "false");
        System.setProperty("auth.warn-if-writes-open", "false");
    }

    @Override
    public int run(String... args) {
        try {
            MigrateResult result = flyway.migrate();
            MigrationInfo current = flyway.info().current();
            LOG.infof("Migrations applied: %d; schema version: %s", result.migrationsExecuted,
                    current == null ? "none (no migrations)" : current.getVersion());
            return 0;
        } catch (FlywayException e) {
            LOG.errorf("Migration failed: %s", e.getMessage());
            return 1;
        }
    }
}
