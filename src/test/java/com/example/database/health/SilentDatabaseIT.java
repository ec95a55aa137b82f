package com.example.database.health;

import com.example.support.PackagedApp;
import com.example.support.SilentServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

/**
 * The database host accepts connections and never answers. The service still starts, and every
 * probe answers within its own bound, whatever it says: a probe that hangs is worse than one
 * that fails, because the orchestrator's own timeout then decides for it.
 */
class SilentDatabaseIT {

    private static final long SLACK_MS = 1500;
    private static final long READY_MS = 2000;
    private static final long STARTED_MS = 4000;
    private static final long WAKE_UP_GRACE_MS = 3000;

    @Test
    void everyProbeAnswersWithinItsBound() throws IOException {
        try (SilentServer silent = SilentServer.start();
             PackagedApp app = PackagedApp.start(Map.of(
                     "DATABASE_URL", "postgresql://app:secret@127.0.0.1:" + silent.port() + "/neondb",
                     "DB_READY_TIMEOUT", READY_MS + "ms",
                     "DB_STARTED_TIMEOUT", STARTED_MS + "ms",
                     "DB_WAKE_UP_GRACE", WAKE_UP_GRACE_MS + "ms")).awaitListening(Duration.ofSeconds(60))) {

            // Every probe answers within its bound, while the silence may be a compute waking up and after.
            Awaitility.await("readiness DOWN once the wake-up grace is over").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        app.http().get("/q/health/started").then()
                                .statusCode(503).time(lessThan(STARTED_MS + SLACK_MS), TimeUnit.MILLISECONDS);
                        app.http().get("/q/health/live").then()
                                .statusCode(200).time(lessThan(SLACK_MS), TimeUnit.MILLISECONDS);
                        return app.http().get("/q/health/ready").then()
                                .time(lessThan(READY_MS + SLACK_MS), TimeUnit.MILLISECONDS)
                                .extract().statusCode() == 503;
                    });
            // Past the wake-up grace, a database that never answered is not waking up: DOWN.
            app.http().get("/q/health/ready").then()
                    .statusCode(503)
                    .time(lessThan(READY_MS + SLACK_MS), TimeUnit.MILLISECONDS)
                    .body("status", equalTo("DOWN"));
        }
    }
}
