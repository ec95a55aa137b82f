package com.example.database.health;

import com.example.support.PackagedApp;
import com.example.support.RestartablePostgres;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The database stops under the running service, as a Neon compute does when it restarts, and
 * comes back: readiness follows it both ways by itself, liveness never moves, requests get a 503
 * problem meanwhile, and the log says it once each way.
 */
class DatabaseOutageIT {

    private static final int READY_TIMEOUT_MS = 2000;
    private static final long SLACK_MS = 1500;
    private static final int REQUESTS_DURING_OUTAGE = 20;

    @Test
    void readinessFollowsTheDatabaseDownAndBackWhileLivenessStaysUp() {
        try (RestartablePostgres postgres = RestartablePostgres.start();
             PackagedApp app = PackagedApp.start(Map.of(
                     "DATABASE_URL", postgres.url(),
                     "DB_MIGRATE_AT_START", "true",
                     "DB_READY_TIMEOUT", READY_TIMEOUT_MS + "ms")).awaitListening(Duration.ofSeconds(60))) {
            app.http().get("/q/health/ready").then().statusCode(200);
            app.http().get("/api/products").then().statusCode(200);

            postgres.stopServer();

            app.http().get("/q/health/ready").then()
                    .statusCode(503)
                    .time(lessThan(READY_TIMEOUT_MS + SLACK_MS), TimeUnit.MILLISECONDS)
                    .body("checks.find { it.name == 'database' }.data.'rw.state'", equalTo("unreachable"));
            app.http().get("/q/health/live").then()
                    .statusCode(200)
                    .body("checks.find { it.name == 'database connections' }.data.'rw.consecutiveFailures'", greaterThanOrEqualTo(1));
            for (int i = 0; i < REQUESTS_DURING_OUTAGE; i++) {
                app.http().get("/api/products").then()
                        .statusCode(503)
                        .contentType("application/problem+json")
                        .header("Retry-After", equalTo("5"))
                        .body("type", equalTo("https://example.com/problems/service-unavailable"));
            }

            postgres.startServer();

            app.awaitStatus("/q/health/ready", 200, Duration.ofSeconds(30));
            app.http().get("/api/products").then().statusCode(200);
            app.http().get("/q/health/live").then().statusCode(200)
                    .body("checks.find { it.name == 'database connections' }.data.'rw.consecutiveFailures'", equalTo(0));

            String log = app.output();
            assertEquals(1, occurrences(log, " unreachable ("), "one line when it went away:\n" + log);
            assertEquals(1, occurrences(log, " answers again after "), "one line when it came back:\n" + log);
            assertFalse(PackagedApp.hasStackTrace(log), "a stack trace for an expected outage:\n" + log);
        }
    }

    private static long occurrences(String text, String fragment) {
        return text.lines().filter(line -> line.contains(fragment)).count();
    }
}
