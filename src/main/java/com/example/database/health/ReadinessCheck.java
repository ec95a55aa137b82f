package com.example.database.health;

import com.example.database.Database;
import com.example.database.Databases;
import com.example.database.TransientFailure;
import com.example.database.health.DatabaseProbe.Answered;
import com.example.database.health.DatabaseProbe.Busy;
import com.example.database.health.DatabaseProbe.Failed;
import com.example.database.health.DatabaseProbe.Idle;
import com.example.database.health.DatabaseProbe.Outcome;
import com.example.database.health.DatabaseProbe.Waiting;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.List;

/**
 * Ready: a round trip through the application's own pool succeeds within
 * {@code database.health.ready-timeout} ({@link DatabaseProbe}, which also says when not to ask).
 * The read replica, when configured, is asked alongside and reported, but does not decide:
 * while it is away, lag-tolerant reads use the primary, so the service still serves.
 *
 * <p>This replaces Quarkus's built-in datasource check (disabled in application.properties),
 * which borrows a connection like any request: under load it waits behind the requests and
 * reports DOWN, taking a busy but healthy instance out of service; it has no bound of its own
 * and no notion of a Neon compute that is waking up.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements AsyncHealthCheck {

    private final Databases databases;
    private final DatabaseProbe probe;

    ReadinessCheck(Databases databases, DatabaseProbe probe) {
        this.databases = databases;
        this.probe = probe;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Database> all = databases.all(); // the primary first
        return Uni.join().all(all.stream().map(probe::check).toList()).andFailFast().map(outcomes -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("database").status(outcomes.get(0).up());
            for (int i = 0; i < all.size(); i++) {
                describe(response, all.get(i), outcomes.get(i));
            }
            return response.build();
        });
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
