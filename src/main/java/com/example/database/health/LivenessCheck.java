package com.example.database.health;

import io.agroal.api.AgroalDataSourceMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * Live: the process can serve. A restart must fix whatever turns this DOWN, or the orchestrator
 * restarts the process in a loop for nothing, so a database outage, however long, a suspended
 * compute or a slow one never does: a restarted process would find the same database.
 *
 * <p>The one state it goes DOWN for is a <b>wedged pool</b>: every connection of the
 * application's pool has been in use, and the pool has handed out none, for longer than
 * {@code database.health.live-grace}, while a fresh connection to the same database works.
 * Connections leaked by a bug, or stuck on a dead socket, look like that; a new process has a
 * new pool. The last successful contact and the failures since are reported either way.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    private final Databases databases;
    private final DatabaseProbe probe;
    private final DatabaseHealthConfig config;
    private final String url;
    private final Optional<String> username;
    private final Optional<String> password;
    /** Since when the pool has been saturated without handing a connection out, and its count then. */
    private volatile Stall stall;

    private record Stall(long acquired, Instant since) {
    }

    LivenessCheck(Databases databases, DatabaseProbe probe, DatabaseHealthConfig config,
                  @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                  @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                  @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.databases = databases;
        this.probe = probe;
        this.config = config;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    @Override
    public HealthCheckResponse call() {
        Database primary = databases.primary();
        DatabaseState state = primary.state();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database connections").up()
                .withData("rw.lastContact", state.lastSuccess().map(Instant::toString).orElse("never"))
                .withData("rw.consecutiveFailures", state.consecutiveFailures());
        Optional<Duration> wedged = wedgedFor(primary);
        if (wedged.isPresent()) {
            response.down().withData("rw.pool", "wedged: every connection in use and none handed out for "
                    + wedged.get().toSeconds() + " s, while the database answers");
        }
        return response.build();
    }

    /** How long the pool has been wedged, if it is, past the grace. Cheap unless it looks wedged. */
    private Optional<Duration> wedgedFor(Database database) {
        AgroalDataSourceMetrics metrics = database.dataSource().getMetrics();
        if (!database.poolSaturated()) {
            stall = null;
            return Optional.empty();
        }
        Stall current = stall;
        if (current == null || current.acquired() != metrics.acquireCount()) {
            stall = new Stall(metrics.acquireCount(), Instant.now());
            return Optional.empty();
        }
        Duration stalled = Duration.between(current.since(), Instant.now());
        if (stalled.compareTo(config.liveGrace()) < 0) {
            return Optional.empty();
        }
        // Only a restart can help if the database itself answers a connection of its own.
        return probe.within(config.readyTimeout(), this::databaseAnswersDirectly).filter(Boolean::booleanValue)
                .map(answers -> stalled);
    }

    private boolean databaseAnswersDirectly() {
        Properties properties = new Properties();
        username.ifPresent(user -> properties.setProperty("user", user));
        password.ifPresent(secret -> properties.setProperty("password", secret));
        properties.setProperty("connectTimeout", Long.toString(Math.max(1, config.readyTimeout().toSeconds())));
        properties.setProperty("loginTimeout", Long.toString(Math.max(1, config.readyTimeout().toSeconds())));
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            return connection.isValid((int) Math.max(1, config.readyTimeout().toSeconds()));
        } catch (Exception e) {
            return false;
        }
    }
}
