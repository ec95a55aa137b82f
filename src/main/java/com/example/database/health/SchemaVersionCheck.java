package com.example.database.health;

import com.example.database.TransientFailure;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Startup;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Started: the database answers and its schema is exactly the version this build ships, with no
 * failed or pending migration. Production does not migrate at start, so a deploy that forgot
 * {@code migrate} (or ran a newer one) never serves requests against the wrong schema.
 *
 * <p>A first connection to a suspended Neon compute is slow: the check retries within
 * {@code database.health.started-timeout}. Once UP it stays UP: the schema a process started
 * with does not change under it without a deploy, and Kubernetes stops asking anyway.
 */
@Startup
@ApplicationScoped
public class SchemaVersionCheck implements HealthCheck {

    private static final Duration FIRST_RETRY = Duration.ofMillis(200);

    private final Flyway flyway;
    private final DatabaseProbe probe;
    private final DatabaseHealthConfig config;
    private volatile HealthCheckResponse started;
    private volatile CompletableFuture<HealthCheckResponse> inspection;

    SchemaVersionCheck(Flyway flyway, DatabaseProbe probe, DatabaseHealthConfig config) {
        this.flyway = flyway;
        this.probe = probe;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        if (started != null) {
            return started;
        }
        CompletableFuture<HealthCheckResponse> running = inspection();
        try {
            HealthCheckResponse response = running.get(config.startedTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (response.getStatus() == HealthCheckResponse.Status.UP) {
                started = response;
            }
            return response;
        } catch (TimeoutException e) {
            return schema().down().withData("reason", "the database did not answer within "
                    + config.startedTimeout().toMillis() + " ms").build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return schema().down().build();
        } catch (ExecutionException e) {
            return schema().down().withData("reason", TransientFailure.describe(e.getCause())).build();
        }
    }

    /** The inspection under way, or a new one: a slow database never gets two at once. */
    private synchronized CompletableFuture<HealthCheckResponse> inspection() {
        if (inspection == null || inspection.isDone()) {
            inspection = probe.supply(this::inspectWithRetries);
        }
        return inspection;
    }

    private HealthCheckResponse inspectWithRetries() {
        long deadline = System.nanoTime() + config.startedTimeout().toNanos();
        Duration pause = FIRST_RETRY;
        while (true) {
            try {
                return inspect(flyway.info());
            } catch (RuntimeException e) {
                if (!TransientFailure.isTransient(e) || System.nanoTime() + pause.toNanos() > deadline) {
                    throw e;
                }
                sleep(pause);
                pause = pause.multipliedBy(2);
            }
        }
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
        return (failed == 0 && pending == 0 && Objects.equals(current, expected) ? response.up() : response.down()).build();
    }

    private static HealthCheckResponseBuilder schema() {
        return HealthCheckResponse.named("database schema");
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
