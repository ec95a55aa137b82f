package com.example.database.startup;

import com.example.database.config.DatabaseEndpoint;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * At start: says where each role connects (one line each) and tries the application's
 * database once. A configuration error (wrong password, unknown user, database or host) ends
 * the process with one line: restarting will not fix it. A database that is only unreachable
 * (refused, timed out, a Neon compute waking up) does not: the service starts anyway and
 * recovers by itself when the database answers.
 */
@ApplicationScoped
public class DatabaseStartupCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseStartupCheck.class);

    /** SQLSTATEs that mean the configuration is wrong, not that the database is away. */
    private static final Map<String, String> CONFIGURATION_ERRORS = Map.of(
            "28P01", "password authentication failed",
            "28000", "the server does not accept this user from here (role or pg_hba.conf)",
            "3D000", "the database does not exist");

    private static final Set<String> NOTHING = Set.of();

    void onStart(@Observes StartupEvent event, AgroalDataSource dataSource,
                 @ConfigProperty(name = "quarkus.datasource.jdbc.url") String applicationUrl,
                 @ConfigProperty(name = "quarkus.flyway.jdbc-url") Optional<String> migrationUrl,
                 @ConfigProperty(name = "quarkus.datasource.replica.jdbc.url") Optional<String> replicaUrl) {
        DatabaseEndpoint application = DatabaseEndpoint.of("rw", applicationUrl);
        LOG.infof("Database %s", application);
        replicaUrl.ifPresent(url -> LOG.infof("Database %s", DatabaseEndpoint.of("ro", url)));
        LOG.infof("Database %s", DatabaseEndpoint.of("direct", migrationUrl.orElse(applicationUrl)));
        check(application, dataSource);
    }

    private static void check(DatabaseEndpoint endpoint, AgroalDataSource dataSource) {
        long start = System.nanoTime();
        try (Connection ignored = dataSource.getConnection()) {
            LOG.infof("Database %s answered in %d ms", endpoint.role(), elapsedMillis(start));
        } catch (SQLException e) {
            Optional<String> configurationError = configurationError(e);
            if (configurationError.isPresent()) {
                // Quarkus prints a ConfigurationException's message alone, and exits 1.
                throw new ConfigurationException("Database " + endpoint + ": " + configurationError.get()
                        + "; check DATABASE_URL", NOTHING);
            }
            LOG.warnf("Database %s unreachable at start (SQLSTATE %s, %d ms): starting anyway; "
                    + "requests that need it fail until it answers", endpoint, sqlState(e).orElse("none"), elapsedMillis(start));
        }
    }

    private static Optional<String> configurationError(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return Optional.of("unknown host");
            }
        }
        return sqlState(e).map(CONFIGURATION_ERRORS::get);
    }

    private static Optional<String> sqlState(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
