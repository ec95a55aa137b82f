package com.example.database.health;

import com.example.database.Database;
import com.example.database.DatabaseState;
import com.example.database.Databases;
import io.agroal.api.AgroalDataSourceMetrics;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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
public class LivenessCheck implements AsyncHealthCheck {

    private final Databases databases;
    private final DatabaseHealthConfig config;
    private final Optional<String> username;
    private final Optional<String> password;
    /** Since when the pool has been saturated without handing a connection out, and its count then. */
    private volatile Stall stall;

    private record Stall(long acquired, Instant since) {
    }

    LivenessCheck(Databases databases, DatabaseHealthConfig config,
                  @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                  @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.databases = databases;
        this.config = config;
        this.username = username;
        this.password = password;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        DatabaseState state = databases.primary().state();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database connections").up()
                .withData("rw.lastContact", state.lastSuccess().map(Instant::toString).orElse("never"))
                .withData("rw.consecutiveFailures", state.consecutiveFailures());
        Optional<Duration> stalled = stalledPastGrace(databases.primary());
        if (stalled.isEmpty()) {
            return Uni.createFrom().item(response.build());
        }
        // Only a restart can help if the database itself answers a connection of its own.
        return databaseAnswersDirectly().map(answers -> answers
                ? response.down().withData("rw.pool", "wedged: every connection in use and none handed out for "
                        + stalled.get().toSeconds() + " s, while the database answers").build()
                : response.build());
    }

    /** How long the pool has been stalled, once that is past the grace. Cheap. */
    private Optional<Duration> stalledPastGrace(Database database) {
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
        return stalled.compareTo(config.liveGrace()) < 0 ? Optional.empty() : Optional.of(stalled);
    }

    /** A connection of its own, outside the pool, within {@code ready-timeout}. */
    private Uni<Boolean> databaseAnswersDirectly() {
        int seconds = (int) Math.max(1, config.readyTimeout().toSeconds());
        return Uni.createFrom().item(() -> {
            Properties properties = new Properties();
            username.ifPresent(user -> properties.setProperty("user", user));
            password.ifPresent(secret -> properties.setProperty("password", secret));
            properties.setProperty("connectTimeout", Integer.toString(seconds));
            properties.setProperty("loginTimeout", Integer.toString(seconds));
            try (Connection connection = DriverManager.getConnection(databases.primary().jdbcUrl(), properties)) {
                return connection.isValid(seconds);
            } catch (SQLException e) {
                return false;
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(config.readyTimeout()).recoverWithItem(false)
                .onFailure().recoverWithItem(false);
    }
}
