package com.example.database;

import com.example.support.Concurrently;
import com.example.support.PackagedApp;
import com.example.support.RestartablePostgres;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What Neon does to a running service, done to the packaged service: connections terminated
 * under it (a compute suspending), the database restarted under load (a compute restart or
 * update), the database away when the service starts, and an idle service that must let go of
 * every connection so the compute can suspend. Each test prints its figures, and .ci/run shows
 * them from target/fault-suite.txt.
 */
class NeonFaultsIT {

    private static final String APPLICATION = "inventory-service";
    private static final String CONNECTIONS = "select count(*) from pg_stat_activity where application_name = '" + APPLICATION + "'";
    private static final Duration START = Duration.ofSeconds(60);
    private static final List<String> FIGURES = new CopyOnWriteArrayList<>();

    @AfterAll
    static void writeFigures() throws IOException {
        Path file = Path.of("target", "fault-suite.txt");
        Files.write(file, FIGURES);
        FIGURES.forEach(System.out::println);
    }

    private static PackagedApp start(RestartablePostgres postgres, Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("DATABASE_URL", postgres.url()));
        all.putAll(env);
        return PackagedApp.start(all).awaitListening(START);
    }

    @Test
    void requestsAfterEveryBackendWasTerminatedAllSucceed() throws Exception {
        try (RestartablePostgres postgres = RestartablePostgres.start();
             PackagedApp app = start(postgres, Map.of("DB_MIGRATE_AT_START", "true"))) {
            int requests = 0;
            int failures = 0;
            long terminated = 0;
            for (int round = 0; round < 3; round++) {
                requests += Concurrently.run(8, i -> app.http().get("/api/products").statusCode()).size(); // warm several connections
                assertTrue(postgres.count(CONNECTIONS) > 0, "the service holds no connection to terminate");

                terminated += postgres.count("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                        + " where application_name = '" + APPLICATION + "'");

                List<Integer> statuses = Concurrently.run(8, i -> app.http().get("/api/products").statusCode());
                statuses.addAll(Concurrently.run(8, i -> app.http().get("/api/products").statusCode()));
                requests += statuses.size();
                failures += (int) statuses.stream().filter(status -> status != 200).count();
            }
            FIGURES.add(String.format("terminated backends: %d terminated in 3 rounds, %d requests, %d not 200",
                    terminated, requests, failures));
            assertEquals(0, failures, app.output());
        }
    }

    @Test
    void everyBackendTerminatedUnderLoadFailsNoRequest() throws Exception {
        try (RestartablePostgres postgres = RestartablePostgres.start();
             PackagedApp app = start(postgres, Map.of("DB_MIGRATE_AT_START", "true"))) {
            List<Integer> statuses = new CopyOnWriteArrayList<>();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(16);
            for (int i = 0; i < 16; i++) {
                clients.submit(() -> {
                    while (running.get()) {
                        try {
                            statuses.add(app.http().get("/api/products").statusCode());
                        } catch (RuntimeException connectionLost) {
                            statuses.add(-1);
                        }
                    }
                });
            }
            long terminated = 0;
            for (int round = 0; round < 3; round++) {
                int before = statuses.size();
                app.await("requests under way", START, () -> statuses.size() >= before + 200);
                terminated += postgres.count("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                        + " where application_name = '" + APPLICATION + "'");
            }
            int before = statuses.size();
            app.await("requests after the last termination", START, () -> statuses.size() >= before + 200);
            running.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS), "clients did not finish");

            long failures = statuses.stream().filter(status -> status != 200).count();
            FIGURES.add(String.format("terminated backends under load: %d terminated in 3 rounds among 16 clients,"
                    + " %d requests, %d not 200", terminated, statuses.size(), failures));
            assertTrue(terminated >= 3, "too few backends terminated to mean anything: " + terminated);
            assertEquals(0, failures, app.output());
        }
    }

    @Test
    void restartUnderLoadLosesNoAcknowledgedReservationAndAppliesNoneTwice() throws Exception {
        try (RestartablePostgres postgres = RestartablePostgres.start();
             PackagedApp app = start(postgres, Map.of("DB_MIGRATE_AT_START", "true"))) {
            long initialStock = 1_000_000;
            int productId = app.http().contentType(ContentType.JSON)
                    .body(Map.of("sku", "LOAD-1", "name", "Under load", "price", 1, "stock", initialStock))
                    .post("/api/products").then().statusCode(201).extract().path("id");

            Load load = new Load(app, productId);
            load.start(4);
            app.await("load under way", START, () -> load.requests.get() >= 100);
            postgres.stopServer();
            app.await("a request waiting for the database", START, () -> load.longestUnderWayMillis() >= 1000);
            postgres.startServer();
            long backAt = System.nanoTime();
            app.await("traffic after the restart", START, () -> load.getsStartedAfter(backAt) >= 100);
            load.stop();

            long getsAfterBack5xx = load.gets.stream().filter(get -> get.startNanos() > backAt && get.status() >= 500).count();
            long gets5xx = load.gets.stream().filter(get -> get.status() >= 500).count();
            // Requests under way while the database was down that waited it out in retries and succeeded.
            long waitedOut = load.waitedOut.get();
            long stored = postgres.count("select count(*) from reservation where product_id = " + productId);
            long storedAndAcknowledged = load.acknowledged.isEmpty() ? 0 : postgres.count(
                    "select count(*) from reservation where idempotency_key in ('" + String.join("','", load.acknowledged) + "')");
            long stock = postgres.count("select stock from product where id = " + productId);
            FIGURES.add(String.format("restart under load: %d requests sent (%d GETs, %d reservation attempts); "
                            + "requests that waited the restart out in retries %d; GET 5xx during the restart %d, after it %d; "
                            + "reservations acknowledged %d, stored %d, stock %d = %d - %d", load.requests.get(),
                    load.gets.size(), load.reservationAttempts.get(), waitedOut, gets5xx, getsAfterBack5xx,
                    load.acknowledged.size(), stored, stock, initialStock, stored));

            assertTrue(load.requests.get() >= 200, "too little load to mean anything: " + load.requests.get());
            assertTrue(waitedOut > 0, "no request met the restart: the test proved nothing");
            assertEquals(0, getsAfterBack5xx, "GETs failed once the database was back");
            assertEquals(load.unresolved.get(), 0, "reservations neither acknowledged nor refused");
            assertEquals(load.acknowledged.size(), storedAndAcknowledged, "an acknowledged reservation is missing");
            assertEquals(load.acknowledged.size(), stored, "a reservation was stored that was never acknowledged");
            assertEquals(initialStock - stored, stock, "stock does not match the reservations");
        }
    }

    @Test
    void serviceStartsWithoutItsDatabaseAndRecoversWhenItComes() {
        try (RestartablePostgres postgres = RestartablePostgres.start()) {
            Map<String, String> env = Map.of("DATABASE_URL", postgres.url());
            assertEquals(0, PackagedApp.run(env, START, "migrate").exitCode());
            postgres.stopServer();

            try (PackagedApp app = PackagedApp.start(env).awaitListening(START)) {
                app.http().get("/q/health/ready").then().statusCode(503);
                app.http().get("/q/health/live").then().statusCode(200);
                app.http().get("/api/products").then().statusCode(503)
                        .contentType("application/problem+json").header("Retry-After", equalTo("5"));

                postgres.startServer();
                long back = System.nanoTime();
                app.awaitStatus("/q/health/ready", 200, Duration.ofSeconds(30));
                long recoveredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back);
                app.http().get("/q/health/started").then().statusCode(200);
                app.http().get("/api/products").then().statusCode(200);
                FIGURES.add(String.format("database down at start: the service started, answered 503, and was ready %d ms"
                        + " after the database came back", recoveredMs));
            }
        }
    }

    @Test
    void idleServiceHoldsNoConnectionSoTheComputeCanSuspend() throws Exception {
        try (RestartablePostgres postgres = RestartablePostgres.start();
             PackagedApp app = start(postgres, Map.of(
                     "DB_MIGRATE_AT_START", "true",
                     "DB_POOL_IDLE_REMOVAL", "1S",
                     "DB_READY_IDLE_AFTER", "2S"))) {
            Concurrently.run(8, i -> app.http().get("/api/products").statusCode());
            long busy = postgres.count(CONNECTIONS);

            // No traffic, only readiness probes, as Kubernetes sends them, until the pool has let go.
            Awaitility.await("the pool drained").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                app.http().get("/q/health/ready").then().statusCode(200);
                return postgres.count(CONNECTIONS) == 0;
            });
            long idle = postgres.count(CONNECTIONS);
            app.http().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'database' }.data.'rw.state'", equalTo("idle: not asked, so that the compute can suspend"));
            FIGURES.add(String.format("idle drain: %d connections while busy, %d after the idle window", busy, idle));

            assertTrue(busy > 0, "no connection while busy");
            assertEquals(0, idle, "connections left open on an idle service");
            app.http().get("/api/products").then().statusCode(200); // and the next request wakes it
        }
    }

    /** GETs and reservations from several clients; a client retries a reservation with its key. */
    private static final class Load {
        record Get(long startNanos, int status) {
        }

        private final PackagedApp app;
        private final int productId;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService clients = Executors.newCachedThreadPool();
        final List<Get> gets = new CopyOnWriteArrayList<>();
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger reservationAttempts = new AtomicInteger();
        final AtomicInteger unresolved = new AtomicInteger();
        final AtomicInteger waitedOut = new AtomicInteger();
        /** Start times of the requests under way. */
        private final Set<Long> underWay = ConcurrentHashMap.newKeySet();

        Load(PackagedApp app, int productId) {
            this.app = app;
            this.productId = productId;
        }

        void start(int clientCount) {
            for (int i = 0; i < clientCount; i++) {
                clients.submit(this::client);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            clients.shutdown();
            if (!clients.awaitTermination(60, TimeUnit.SECONDS)) {
                fail("clients did not finish");
            }
        }

        private void client() {
            while (running.get()) {
                long start = System.nanoTime();
                gets.add(new Get(start, call(() -> app.http().get("/api/products/{id}", productId))));
                reserve(UUID.randomUUID().toString());
            }
        }

        /** As a careful client does: the same key again until the answer is final. */
        private void reserve(String key) {
            for (int attempt = 0; attempt < 20; attempt++) {
                reservationAttempts.incrementAndGet();
                int status = call(() -> app.http().contentType(ContentType.JSON).header("Idempotency-Key", key)
                        .body(Map.of("quantity", 1)).post("/api/products/{id}/reservations", productId));
                if (status == 201) {
                    acknowledged.add(key);
                    return;
                }
                if (status < 500 && status > 0) {
                    return; // refused for good: nothing stored
                }
                pause(250); // a careful client backs off before it tries again
            }
            unresolved.incrementAndGet();
        }

        /** How long the oldest request under way has been waiting. */
        long longestUnderWayMillis() {
            return underWay.stream().mapToLong(start -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                    .max().orElse(0);
        }

        long getsStartedAfter(long nanos) {
            return gets.stream().filter(get -> get.startNanos() > nanos).count();
        }

        private int call(java.util.function.Supplier<Response> request) {
            requests.incrementAndGet();
            long start = System.nanoTime();
            underWay.add(start);
            try {
                int status = request.get().statusCode();
                if (status < 500 && TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) > 1000) {
                    waitedOut.incrementAndGet();
                }
                return status;
            } catch (RuntimeException connectionLost) {
                return -1;
            } finally {
                underWay.remove(start);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
