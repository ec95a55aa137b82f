package com.example.web;

import com.example.support.NeonLikePostgres;
import com.example.support.PackagedApp;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a pod being stopped does (Kubernetes sends SIGTERM and, at the same moment, takes the pod
 * out of the Service's endpoints; the endpoints reach every node a little later): readiness
 * reports DOWN at once, requests are still served for {@code SHUTDOWN_DELAY}, then a request
 * still under way finishes and the process exits.
 */
class GracefulShutdownIT {

    private static final String DATABASE = "shutdown";
    /** Long enough for the checks made within it, on a slow machine. */
    private static final Duration DELAY = Duration.ofSeconds(8);
    private static final String DRAINING = "Waiting for HTTP requests to complete";
    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":\"([^\"]+)\"");
    /** quarkus.shutdown.timeout in application.properties. */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private static NeonLikePostgres postgres;

    @BeforeAll
    static void startDatabase() {
        postgres = NeonLikePostgres.start();
        postgres.createDatabase(DATABASE);
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void onSigtermReadinessGoesDownWhileRequestsAreServedThenTheRequestUnderWayFinishes() throws Exception {
        Map<String, String> env = Map.of(
                "DATABASE_URL", postgres.neonUrl(DATABASE),
                "DB_MIGRATE_AT_START", "true",
                "SHUTDOWN_DELAY", DELAY.toSeconds() + "S",
                // The request under way waits on a row lock past the delay; it must not give up first
                // (by default its lock timeout would end it after 1 s: README "Deadlines").
                "DB_RETRY_BUDGET", "20S",
                "DB_LOCK_TIMEOUT", "30S",
                "DB_STATEMENT_TIMEOUT", "40S");
        try (PackagedApp app = PackagedApp.start(env).awaitListening(Duration.ofSeconds(60))) {
            app.awaitStatus("/q/health/ready", 200, Duration.ofSeconds(30));
            int id = app.http().contentType(ContentType.JSON)
                    .body(Map.of("sku", "SHUT-1", "name", "Before", "price", 1, "stock", 1))
                    .post("/api/products").then().statusCode(201).extract().path("id");

            // Another transaction holds the product's row: the PUT below is under way until it ends.
            try (Connection locker = postgres.superuser(DATABASE)) {
                locker.setAutoCommit(false);
                locker.createStatement().execute("select id from product where id = " + id + " for update");
                CompletableFuture<Integer> put = CompletableFuture.supplyAsync(() -> app.http().contentType(ContentType.JSON)
                        .body(Map.of("sku", "SHUT-1", "name", "Renamed during shutdown", "price", 1, "stock", 1))
                        .put("/api/products/{id}", id).statusCode());
                app.await("the PUT waiting for the row lock", Duration.ofSeconds(10), GracefulShutdownIT::putWaitsForTheLock);

                Instant sigterm = Instant.now();
                app.terminate();

                // The JVM runs the shutdown on a thread of its own, within moments of the signal.
                app.await("readiness DOWN", Duration.ofSeconds(5), () -> app.http().get("/q/health/ready").statusCode() == 503);
                app.http().get("/q/health/ready").then().statusCode(503)
                        .body("checks.find { it.name == 'Graceful Shutdown' }.status", equalTo("DOWN"));
                app.http().get("/api/products/{id}", id).then().statusCode(200).body("name", equalTo("Before"));
                assertTrue(Duration.between(sigterm, Instant.now()).compareTo(DELAY) < 0,
                        "the checks above must run within the delay; make it longer if this machine is slow");

                // Past the delay, Quarkus waits for the requests under way (and says so) before it
                // stops; its log line's time shows that the delay was served in full.
                app.await("the delay over", DELAY.plusSeconds(10), () -> app.output().contains(DRAINING));
                Instant draining = loggedAt(app.output(), DRAINING);
                assertFalse(draining.isBefore(sigterm.plus(DELAY)),
                        "the service stopped serving as usual " + Duration.between(sigterm, draining).toMillis()
                                + " ms after SIGTERM, before SHUTDOWN_DELAY (" + DELAY.toSeconds() + " s) was over");
                assertFalse(put.isDone(), () -> "the PUT ended before its lock was released: " + put.join());
                locker.commit();
                assertEquals(200, put.get(10, TimeUnit.SECONDS), "the request under way when the delay ended");
            }

            int exit = app.awaitExit(SHUTDOWN_TIMEOUT);
            // 143 is 128 + SIGTERM: the JVM's status after an orderly shutdown on that signal.
            assertTrue(exit == 0 || exit == 143, "exit code " + exit + ":\n" + app.output());
            assertTrue(app.output().contains("stopped in"), "no orderly shutdown:\n" + app.output());
        }
        try (Connection connection = postgres.superuser(DATABASE);
             ResultSet name = connection.createStatement().executeQuery("select name from product where sku = 'SHUT-1'")) {
            assertTrue(name.next());
            assertEquals("Renamed during shutdown", name.getString(1));
        }
    }

    /** When the prod profile's JSON log line holding {@code message} was written. */
    private static Instant loggedAt(String output, String message) {
        String line = output.lines().filter(candidate -> candidate.contains(message)).findFirst()
                .orElseThrow(() -> new AssertionError("no log line with \"" + message + "\":\n" + output));
        Matcher timestamp = TIMESTAMP.matcher(line);
        assertTrue(timestamp.find(), "no timestamp in " + line);
        return Instant.parse(timestamp.group(1));
    }

    /** Read on a connection of its own: a transaction sees one snapshot of pg_stat_activity. */
    private static boolean putWaitsForTheLock() throws SQLException {
        try (Connection connection = postgres.superuser(DATABASE);
             PreparedStatement statement = connection.prepareStatement(
                     "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = ?")) {
            statement.setString(1, DATABASE);
            try (ResultSet count = statement.executeQuery()) {
                return count.next() && count.getLong(1) == 1;
            }
        }
    }
}
