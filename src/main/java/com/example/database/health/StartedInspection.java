package com.example.database.health;

import com.example.database.TransientFailure;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.function.Supplier;

/**
 * How a started check looks at the database: each call answers within
 * {@code database.health.started-timeout}, DOWN with the reason when the look fails or takes
 * longer; a look that takes longer goes on, and the next call joins it ({@link SharedAttempt}).
 * Once UP it stays UP: what a process started with does not change under it without a deploy,
 * and Kubernetes stops asking anyway.
 */
final class StartedInspection {

    private final String name;
    private final DatabaseHealthConfig config;
    private final SharedAttempt<HealthCheckResponse> inspection;
    private volatile HealthCheckResponse started;

    /** {@code look} runs on a worker thread, and may throw: the answer is then DOWN, with the reason. */
    StartedInspection(String name, DatabaseHealthConfig config, Supplier<HealthCheckResponse> look) {
        this.name = name;
        this.config = config;
        this.inspection = new SharedAttempt<>(look);
    }

    Uni<HealthCheckResponse> answer() {
        if (started != null) {
            return Uni.createFrom().item(started);
        }
        return inspection.join().answer()
                .ifNoItem().after(config.startedTimeout()).recoverWithItem(() -> HealthCheckResponse.named(name).down()
                        .withData("reason", "the database did not answer within " + config.startedTimeout().toMillis() + " ms")
                        .build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(name).down()
                        .withData("reason", TransientFailure.describe(failure)).build())
                .invoke(response -> {
                    if (response.getStatus() == HealthCheckResponse.Status.UP) {
                        started = response;
                    }
                });
    }
}
