package com.example.database.health;

import com.example.database.TransientFailure;
import com.example.database.config.DatabaseEndpoint;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * At start: says where each role connects (one line each) and tries the application's
 * database once, within {@code database.health.started-timeout}. A configuration error (wrong
 * password, unknown user, database or host) ends the process with one line: restarting will not
 * fix it. A database that is only unreachable (refused, timed out, a Neon compute waking up)
 * does not: the service starts anyway and recovers by itself when the database answers.
 */
@ApplicationScoped
public class DatabaseStartupCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseStartupCheck.class);

    /** SQLSTATEs that mean the configuration is wrong, not that the database is away. */
    private static final Map<String, String> CONFIGURATION_ERRORS = Map.of(
            "28P01", "password authentication failed",
            "28000", "the server does not accept this user from here (role or pg_hba.conf)",
            "3D000", "the database does not exist");

    private final Databases databases;
    private final DatabaseProbe probe;
    private final DatabaseHealthConfig config;

    DatabaseStartupCheck(Databases databases, DatabaseProbe probe, DatabaseHealthConfig config) {
        this.databases = databases;
        this.probe = probe;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event,
                 @ConfigProperty(name = "quarkus.datasource.jdbc.url") String applicationUrl,
                 @ConfigProperty(name = "quarkus.flyway.jdbc-url") Optional<String> migrationUrl) {
        Database primary = databases.primary();
        LOG.infof("Database %s", primary.endpoint());
        databases.replica().ifPresent(replica -> LOG.infof("Database %s", replica.endpoint()));
        LOG.infof("Database %s", DatabaseEndpoint.of("direct", migrationUrl.orElse(applicationUrl)));
        check(primary);
    }

    private void check(Database database) {
        long start = System.nanoTime();
        Optional<Optional<SQLException>> attempt = probe.within(config.startedTimeout(), () -> connect(database));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (attempt.isEmpty()) {
            LOG.warnf("Database %s did not answer within %d ms: starting anyway; requests that need it fail with 503"
                    + " until it answers", database.endpoint(), elapsed.toMillis());
            return;
        }
        Optional<SQLException> failure = attempt.get();
        if (failure.isEmpty()) {
            database.state().success();
            LOG.infof("Database %s answered in %d ms", database.endpoint().role(), elapsed.toMillis());
            return;
        }
        Optional<String> configurationError = configurationError(failure.get());
        if (configurationError.isPresent()) {
            // Quarkus prints a ConfigurationException's message alone, and exits 1.
            throw new ConfigurationException("Database " + database.endpoint() + ": " + configurationError.get()
                    + "; check DATABASE_URL", Set.of());
        }
        database.state().failure(failure.get(), elapsed); // logs, once, that it is unreachable
    }

    private static Optional<SQLException> connect(Database database) {
        try (Connection ignored = database.dataSource().getConnection()) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(e);
        }
    }

    private static Optional<String> configurationError(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return Optional.of("unknown host");
            }
        }
        return TransientFailure.sqlState(e).map(CONFIGURATION_ERRORS::get);
    }
}
