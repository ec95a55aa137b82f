package com.example.database.health;

import com.example.database.Database;
import com.example.database.Databases;
import com.example.database.TransientFailure;
import com.example.database.config.DatabaseEndpoint;
import com.example.database.role.ApplicationRole;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerStart;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * At start: says where each role connects (one line each) and, once the HTTP port is open, tries
 * the application's database once, within {@code database.health.started-timeout}; in
 * production it warns when the application's role could change the schema. Nothing on
 * the way to an open port waits for the database: the attempt runs beside it, and until the
 * database has answered the started probe says DOWN anyway ({@link SchemaVersionCheck}).
 *
 * <p>A configuration error (wrong password, unknown user, database or host) ends the process
 * with one line: restarting will not fix it. A database that is only unreachable (refused, timed
 * out, a Neon compute waking up) does not: the service stays up and recovers when the database
 * answers. The {@code migrate} command connects over the direct URL only, so it skips the attempt.
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
    private final DatabaseHealthConfig config;
    private final ApplicationRole role;

    DatabaseStartupCheck(Databases databases, DatabaseHealthConfig config, ApplicationRole role) {
        this.databases = databases;
        this.config = config;
        this.role = role;
    }

    void onStart(@Observes StartupEvent event, @ConfigProperty(name = "quarkus.flyway.jdbc-url") Optional<String> migrationUrl) {
        databases.all().forEach(database -> LOG.infof("Database %s", database.endpoint()));
        LOG.infof("Database %s", DatabaseEndpoint.of("direct", migrationUrl.orElse(databases.primary().jdbcUrl())));
    }

    /** Asynchronous (on a worker thread), after the HTTP server has started listening. */
    void onServing(@ObservesAsync HttpServerStart event) {
        if (config.connectAtStart()) {
            check(databases.primary());
        }
    }

    private void check(Database database) {
        long start = System.nanoTime();
        Optional<SQLException> failure;
        try {
            failure = Uni.createFrom().item(() -> connect(database)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .await().atMost(config.startedTimeout());
        } catch (TimeoutException e) {
            LOG.warnf("Database %s did not answer within %d ms at start: requests that need it fail with 503"
                    + " until it answers", database.endpoint(), elapsed(start).toMillis());
            return;
        }
        if (failure.isEmpty()) {
            database.state().success();
            LOG.infof("Database %s answered in %d ms", database.endpoint().role(), elapsed(start).toMillis());
            return;
        }
        Optional<String> configurationError = configurationError(failure.get());
        if (configurationError.isPresent()) {
            exit("Database " + database.endpoint() + ": " + configurationError.get() + "; check DATABASE_URL");
            return;
        }
        database.state().failure(failure.get(), elapsed(start)); // logs, once, that it is unreachable
    }

    /**
     * Ends the process as Quarkus ends it for a configuration error found while starting: the
     * message alone on standard error, exit status 1. The application has started by now, so it
     * stops in order first, and the line is printed last, after Quarkus's own "stopped" line,
     * where whoever reads the end of the output finds it.
     */
    private static void exit(String message) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.println(message), "configuration-error"));
        Quarkus.asyncExit(1);
    }

    private Optional<SQLException> connect(Database database) {
        try (Connection connection = database.dataSource().getConnection()) {
            if (config.warnIfRoleCanChangeSchema()) {
                warnIfRoleCanChangeSchema(connection);
            }
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(e);
        }
    }

    private void warnIfRoleCanChangeSchema(Connection connection) {
        try {
            List<String> rights = role.schemaChangeRights(connection);
            if (!rights.isEmpty()) {
                LOG.warnf("The application's database role can change the schema (it %s): in production, connect"
                        + " as a role that only reads and writes rows, and migrate as the owner (README \"Database roles\")",
                        String.join(", ", rights));
            }
        } catch (SQLException e) {
            LOG.debugf("Could not tell whether the application's role can change the schema: %s", TransientFailure.describe(e));
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

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
