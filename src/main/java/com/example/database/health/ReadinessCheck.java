package com.example.database.health;

import com.example.database.TransientFailure;
import com.example.database.health.DatabaseProbe.Answered;
import com.example.database.health.DatabaseProbe.Busy;
import com.example.database.health.DatabaseProbe.Failed;
import com.example.database.health.DatabaseProbe.Idle;
import com.example.database.health.DatabaseProbe.Outcome;
import com.example.database.health.DatabaseProbe.Waiting;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.List;

/**
 * Ready: a round trip through the application's own pool (and the replica's) succeeds within
 * {@code database.health.ready-timeout}.
 *
 * <p>Except while the service is idle: a query every few seconds would keep a Neon compute
 * awake for ever. When the application has not used the database for
 * {@code database.health.ready-idle-after}, readiness reports the last known state without
 * asking; the pool drains, the compute may suspend, and the next request wakes it.
 *
 * <p>This replaces Quarkus's built-in datasource check (disabled in application.properties).
 * That check borrows a connection from the pool like any request: under load it waits behind
 * the requests and reports DOWN, and the orchestrator takes a busy but healthy instance out of
 * service, moving its load onto the others. It also has no bound of its own and no notion of a
 * Neon compute that is waking up.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    private final Databases databases;
    private final DatabaseProbe probe;
    private final DatabaseHealthConfig config;

    ReadinessCheck(Databases databases, DatabaseProbe probe, DatabaseHealthConfig config) {
        this.databases = databases;
        this.probe = probe;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        List<Database> all = databases.all();
        // The replica's round trip runs alongside the primary's; an idle one is not started.
        all.stream().filter(database -> !database.state().restingLongerThan(config.readyIdleAfter())).forEach(probe::start);
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database").up();
        for (Database database : all) {
            Outcome outcome = probe.check(database, config.readyTimeout(), config.wakeUpGrace(), config.readyIdleAfter());
            describe(response, database, outcome);
            if (!outcome.up()) {
                response.down();
            }
        }
        return response.build();
    }

    private static void describe(HealthCheckResponseBuilder response, Database database, Outcome outcome) {
        String role = database.endpoint().role();
        response.withData(role + ".endpoint", String.join(",", database.endpoint().hosts()) + "/" + database.endpoint().database());
        response.withData(role + ".connection", database.endpoint().pooled() ? "pooled" : "direct");
        if (outcome instanceof Answered answered) {
            response.withData(role + ".state", "answering").withData(role + ".latencyMs", answered.latencyMillis());
        } else if (outcome instanceof Idle idle) {
            response.withData(role + ".state", "idle: not asked, so that the compute can suspend")
                    .withData(role + ".idleMs", idle.idleMillis());
            database.state().lastSuccess().ifPresent(last -> response.withData(role + ".lastContact", last.toString()));
        } else if (outcome instanceof Busy busy) {
            response.withData(role + ".state", "busy: all " + busy.inUse() + " pool connections in use");
        } else if (outcome instanceof Waiting waiting) {
            response.withData(role + ".state", waiting.up() ? "waking up" : "not answering")
                    .withData(role + ".waitingMs", waiting.elapsedMillis());
        } else if (outcome instanceof Failed failed) {
            response.withData(role + ".state", "unreachable")
                    .withData(role + ".failure", TransientFailure.describe(failed.failure()));
        }
    }
}
