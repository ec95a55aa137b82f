package com.example.database.health;

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
 * <p>Bounded, shared and kept once UP ({@link StartedInspection}): a first connection to a
 * suspended Neon compute can take longer than one probe call.
 */
@Startup
@ApplicationScoped
public class SchemaVersionCheck implements AsyncHealthCheck {

    private static final String NAME = "database schema";

    private final StartedInspection inspection;

    SchemaVersionCheck(Flyway flyway, DatabaseHealthConfig config) {
        this.inspection = new StartedInspection(NAME, config, () -> inspect(flyway.info()));
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return inspection.answer();
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
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .withData("currentVersion", current == null ? "none" : current.getVersion())
                .withData("expectedVersion", expected == null ? "none" : expected.getVersion())
                .withData("pendingMigrations", pending)
                .withData("failedMigrations", failed);
        return response.status(failed == 0 && pending == 0 && Objects.equals(current, expected)).build();
    }
}
