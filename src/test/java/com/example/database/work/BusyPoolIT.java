package com.example.database.work;

import com.example.support.PackagedApp;
import com.example.support.RestartablePostgres;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every connection of the pool is held by a request that waits for a row lock: the pool is busy,
 * the database answers. Other requests are refused with 503 within the retry budget, but that is
 * load, not an outage: readiness stays UP and nothing says the database is unreachable.
 */
class BusyPoolIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final long BUDGET_MS = 3000;

    @Test
    void aPoolThatIsOnlyBusyIsAnswered503WithinTheBudgetWithoutAnOutage() throws Exception {
        try (RestartablePostgres postgres = RestartablePostgres.start();
             PackagedApp app = PackagedApp.start(Map.of(
                     "DATABASE_URL", postgres.url(),
                     "DB_MIGRATE_AT_START", "true",
                     "DB_POOL_MAX_SIZE", "2",
                     "DB_POOL_ACQUISITION_TIMEOUT", "1S",
                     "DB_RETRY_BUDGET", BUDGET_MS + "ms",
                     // By default a lock timeout would end the updates after 1 s (README "Deadlines"):
                     // here they must hold the pool for as long as the test looks at it.
                     "DB_LOCK_TIMEOUT", "60S",
                     "DB_STATEMENT_TIMEOUT", "90S")).awaitListening(START)) {
            int id = app.http().contentType(ContentType.JSON)
                    .body(Map.of("sku", "LOCKED-1", "name", "Locked", "price", 1, "stock", 1)).post("/api/products")
                    .then().statusCode(201).extract().path("id");

            ExecutorService clients = Executors.newFixedThreadPool(2);
            try (Connection lock = postgres.superuser(); Statement statement = lock.createStatement()) {
                lock.setAutoCommit(false);
                statement.execute("select * from product where id = " + id + " for update");
                // Two updates of the locked row take both connections of the pool, and wait.
                CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> rename(app, id, "Renamed once"), clients);
                CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> rename(app, id, "Renamed twice"), clients);
                app.await("both connections waiting for the lock", START, () -> postgres.count(
                        "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and application_name = 'inventory-service'") == 2);

                app.http().get("/api/products").then()
                        .statusCode(503)
                        .time(lessThan(BUDGET_MS), TimeUnit.MILLISECONDS)
                        .contentType("application/problem+json")
                        .header("Retry-After", equalTo("5"))
                        .body("type", equalTo("https://example.com/problems/service-unavailable"));
                app.http().get("/q/health/ready").then().statusCode(200)
                        .body("checks.find { it.name == 'database' }.data.'rw.state'", startsWith("busy"));

                lock.rollback();
                // Both read version 0 before they waited: the first to write wins, the other lost the race.
                assertEquals(List.of(200, 409), Stream.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS))
                        .sorted().toList());
            } finally {
                clients.shutdownNow();
            }
            app.http().get("/api/products").then().statusCode(200);
            String log = app.output();
            assertEquals(0, log.lines().filter(line -> line.contains(" unreachable (")).count(), "a busy pool is no outage:\n" + log);
        }
    }

    private static int rename(PackagedApp app, int id, String name) {
        return app.http().contentType(ContentType.JSON)
                .body(Map.of("sku", "LOCKED-1", "name", name, "price", 1, "stock", 1))
                .put("/api/products/{id}", id).statusCode();
    }
}
