package com.example.database.health;

import com.example.database.TransientFailure;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Startup;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * Started: the database answers and its schema is exactly the version this build ships, with no
 * failed or pending migration. Production does not migrate at start, so a deploy that forgot
 * {@code migrate} (or ran a newer one) never serves requests against the wrong schema.
 *
 * <p>Each call answers within {@code database.health.started-timeout}. A first connection to a
 * suspended Neon compute can take longer: the look at the schema goes on, and the next call
 * joins it ({@link SharedAttempt}). Once UP it stays UP: the schema a process started with does
 * not change under it without a deploy, and Kubernetes stops asking anyway.
 */
@Startup
@ApplicationScoped
public class SchemaVersionCheck implements AsyncHealthCheck {

    private final DatabaseHealthConfig config;
    private final SharedAttempt<HealthCheckResponse> inspection;
    private volatile HealthCheckResponse started;

    SchemaVersionCheck(Flyway flyway, DatabaseHealthConfig config) {
        this.config = config;
        this.inspection = new SharedAttempt<>(() -> inspect(flyway.info()));
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (started != null) {
            return Uni.createFrom().item(started);
        }
        return inspection.join().answer()
                .ifNoItem().after(config.startedTimeout()).recoverWithItem(() -> schema().down()
                        .withData("reason", "the database did not answer within " + config.startedTimeout().toMillis() + " ms")
                        .build())
                .onFailure().recoverWithItem(failure -> schema().down()
                        .withData("reason", TransientFailure.describe(failure)).build())
                .invoke(response -> {
                    if (response.getStatus() == HealthCheckResponse.Status.UP) {
                        started = response;
                    }
                });
    }

    private static HealthCheckResponse inspect(MigrationInfoService info) {
        MigrationVersion expected = Arrays.stream(info.all())
                .filter(migration -> migration.getState().isResolved() && migration.getVersion() != null)
                .map(MigrationInfo::getVersion)
                .max(Comparator.naturalOrder())
                .orElse(null);
        MigrationVersion current = info.current() == null ? null : info.current().getVersion();
        long failed = Arrays.stream(info.applied()).filter(migration -> migration.getState().isFailed()).count();
        int pending = info.pending().length;
        HealthCheckResponseBuilder response = schema()
                .withData("currentVersion", current == null ? "none" : current.getVersion())
                .withData("expectedVersion", expected == null ? "none" : expected.getVersion())
                .withData("pendingMigrations", pending)
                .withData("failedMigrations", failed);
        return response.status(failed == 0 && pending == 0 && Objects.equals(current, expected)).build();
    }

    private static HealthCheckResponseBuilder schema() {
        return HealthCheckResponse.named("database schema");
    }
}
