package com.example.scaleout;

import com.example.support.Concurrently;
import com.example.support.NeonLikePostgres;
import com.example.support.PackagedApp;
import com.example.support.PgBouncer;
import io.restassured.http.ContentType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Three instances of the packaged service behind one PgBouncer in transaction mode with a small
 * server pool, as several pods behind Neon's {@code -pooler} host, under a load client that
 * follows readiness as a Service's endpoints do ({@link Fleet}, {@link LoadClient}). The
 * instances stay correct together (stock, idempotency), through a crash and a rolling restart,
 * and neither side of the pooler opens more connections than it may. Each test prints its
 * figures; .ci/run shows them from target/scale-out-suite.txt.
 *
 * <p>Not part of {@code ./mvnw verify}: .ci/run runs it after (README "Tests").
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final String DATABASE = "pooled";
    private static final int INSTANCES = 3;
    /** PgBouncer's server connections: fewer than the load's requests at once, so clients queue there. */
    private static final int SERVER_POOL = 2;
    /** Each instance's pool: together 15 connections over PgBouncer's 2, as many pods on a small compute's pooler. */
    private static final int POOL_MAX_SIZE = 5;
    /**
     * With a probe beside them, at most one instance's pool even when every thread picks the same
     * instance: no request of the load waits for a pool connection, so an answer other than
     * success is the rollout's or the crash's doing, not load shedding (BusyPoolIT covers that).
     */
    private static final int LOAD_THREADS = 4;
    /**
     * The default of SHUTDOWN_DELAY: longer than the load client may take to see readiness DOWN
     * (its poll: every second, half a second each), so it stops sending before the port closes.
     */
    private static final Duration SHUTDOWN_DELAY = Duration.ofSeconds(5);
    /** quarkus.shutdown.timeout in application.properties. */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> FIGURES = new CopyOnWriteArrayList<>();

    private static NeonLikePostgres postgres;
    private static PgBouncer bouncer;
    private static Fleet fleet;
    private static ConnectionWatch watch;

    @BeforeAll
    static void startFleet() throws Exception {
        Optional<Path> executable = PgBouncer.executable();
        if (executable.isEmpty()) {
            fail("pgbouncer is required: apt-get install pgbouncer");
        }
        postgres = NeonLikePostgres.start();
        postgres.createDatabase(DATABASE);
        bouncer = PgBouncer.start(executable.get(), postgres, DATABASE, SERVER_POOL);

        String pooled = "postgresql://" + NeonLikePostgres.USER + ":" + NeonLikePostgres.encodedPassword()
                + "@127.0.0.1:" + bouncer.port() + "/" + DATABASE + "?prepareThreshold=0";
        // Migrations once, over the direct URL, as the deploy-time Job does (deploy/kubernetes).
        PackagedApp.Result migrated = PackagedApp.run(Map.of("DATABASE_URL", pooled, "DATABASE_URL_UNPOOLED",
                postgres.neonUrl(DATABASE)), Duration.ofSeconds(90), "migrate");
        assertEquals(0, migrated.exitCode(), migrated.output());

        fleet = Fleet.start(INSTANCES, Map.of(
                "DATABASE_URL", pooled,
                // The started probe reads the schema version over the direct URL. On Neon it is
                // derived from DATABASE_URL's host (-pooler removed), so pods need no second URL;
                // this pooler's host has no direct twin to derive, so it is given.
                "DATABASE_URL_UNPOOLED", postgres.neonUrl(DATABASE),
                "DB_POOL_MAX_SIZE", Integer.toString(POOL_MAX_SIZE),
                // Pools open in full and kept so, and not re-validated on borrow: the burst beyond
                // one instance's pool (test 4) finds every connection open, not to be opened or
                // validated through a PgBouncer whose server connections are all taken.
                "DB_POOL_INITIAL_SIZE", Integer.toString(POOL_MAX_SIZE),
                "DB_POOL_MIN_SIZE", Integer.toString(POOL_MAX_SIZE),
                "DB_POOL_VALIDATION", "10M",
                "SHUTDOWN_DELAY", SHUTDOWN_DELAY.toSeconds() + "S"));
        watch = new ConnectionWatch(bouncer, DATABASE, fleet);
    }

    private long samplesBefore;

    @BeforeEach
    void countSamples() {
        samplesBefore = watch.samples();
    }

    @AfterEach
    void neitherSideOfThePoolerOpenedMoreConnectionsThanItMay() {
        assertNull(watch.problem());
        assertTrue(watch.samples() > samplesBefore, "no sample of PgBouncer's pools was taken during the test");
        assertTrue(watch.mostServerConnections() <= SERVER_POOL,
                "PgBouncer held " + watch.mostServerConnections() + " server connections, its pool is " + SERVER_POOL);
        assertTrue(watch.mostInUseInOneInstance() <= POOL_MAX_SIZE,
                "an instance had " + watch.mostInUseInOneInstance() + " connections in use, DB_POOL_MAX_SIZE is " + POOL_MAX_SIZE);
    }

    @AfterAll
    static void stopAndWriteFigures() throws Exception {
        if (watch != null) {
            FIGURES.add(String.format("connections: PgBouncer's pool %d, at most %d server connections held and %d clients"
                            + " queued for one (%d samples); DB_POOL_MAX_SIZE %d, at most %d in use in one instance"
                            + " (%d instances watched)",
                    SERVER_POOL, watch.mostServerConnections(), watch.mostClientsWaiting(), watch.samples(),
                    POOL_MAX_SIZE, watch.mostInUseInOneInstance(), watch.instancesWatched()));
            watch.close();
        }
        if (fleet != null) {
            fleet.close();
        }
        if (bouncer != null) {
            bouncer.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        Files.write(Path.of("target", "scale-out-suite.txt"), FIGURES);
        FIGURES.forEach(System.out::println);
    }

    @Test
    @Order(1)
    void exactlyTheStockIsReservedThroughAllThreeInstances() throws Exception {
        int stock = 150;
        int extra = 30;
        long product = createProduct("SCALE-STOCK", stock);

        LoadClient load = new LoadClient(fleet, product, "stock").start(LOAD_THREADS, stock + extra).awaitDone(Duration.ofMinutes(5));

        assertEquals(List.of(), load.failures());
        assertEquals(stock, load.acknowledged().size(), "reservations acknowledged with 201");
        assertEquals(extra, load.outOfStock(), "reservations refused for want of stock (409)");
        assertEquals(0, stockOf(product));
        assertEquals(load.acknowledged(), storedKeys(product), "stored reservations: one per acknowledged key");
        assertEquals(stock, unitsReserved(product));
        assertTrue(servedByEveryInstance(), "each instance served reservations");
        FIGURES.add(String.format("stock %d on one product, %d threads round-robin over %d instances: %d requests,"
                        + " %d reservations acknowledged, %d refused for stock, %d failed; stock left %d, %d units reserved",
                stock, LOAD_THREADS, INSTANCES, load.requests(), load.acknowledged().size(), load.outOfStock(),
                load.failures().size(), stockOf(product), unitsReserved(product)));
    }

    @Test
    @Order(2)
    void afterOneInstanceIsKilledEveryAcknowledgedReservationIsStoredOnceAndTheOthersKeepServing() throws Exception {
        int stock = 100_000;
        long product = createProduct("SCALE-KILL", stock);
        LoadClient load = new LoadClient(fleet, product, "kill").start(LOAD_THREADS, Integer.MAX_VALUE);
        awaitRequests(load, 150);

        PackagedApp victim = fleet.ready().get(0);
        long sentBeforeKill = load.requests();
        fleet.kill(victim);
        awaitRequests(load, sentBeforeKill + 300);
        load.stop();

        Set<String> stored = storedKeys(product);
        assertEquals(load.acknowledged(), stored, "stored reservations: exactly the acknowledged keys");
        assertEquals(stored.size(), unitsReserved(product), "units reserved: one per stored key");
        assertEquals(stock - stored.size(), stockOf(product));
        assertEquals(0, load.outOfStock(), "reservations refused for stock, of a product that has plenty");
        // The only failures allowed: requests to the killed instance that got no answer.
        List<LoadClient.Failure> unexpected = load.failures().stream()
                .filter(failure -> failure.answered() || failure.port() != victim.port()).toList();
        assertEquals(List.of(), unexpected, "failures other than the killed instance's silence");
        FIGURES.add(String.format("SIGKILL of one of %d instances under load: %d requests, %d to the killed instance got"
                        + " no answer (its reservations sent again elsewhere with the same key: %d of them had been stored"
                        + " and were replayed), 0 failed on the others; %d reservations acknowledged and %d stored,"
                        + " each once; stock %d - %d = %d",
                INSTANCES, load.requests(), load.failures().size(), load.replayed(), load.acknowledged().size(),
                stored.size(), stock, stored.size(), stockOf(product)));

        fleet.startReplacement();
        fleet.awaitReady(INSTANCES);
    }

    @Test
    @Order(3)
    void aRollingRestartUnderLoadFailsNoRequest() throws Exception {
        int stock = 100_000;
        long product = createProduct("SCALE-ROLL", stock);
        LoadClient load = new LoadClient(fleet, product, "roll").start(LOAD_THREADS, Integer.MAX_VALUE);
        awaitRequests(load, 100);

        List<String> exits = new ArrayList<>();
        long sentBefore = load.requests();
        long started = System.nanoTime();
        for (PackagedApp old : fleet.members()) {
            fleet.terminate(old);
            PackagedApp replacement = fleet.startReplacement();
            exits.add(Integer.toString(fleet.reap(old, SHUTDOWN_DELAY.plus(SHUTDOWN_TIMEOUT).plusSeconds(5))));
            assertTrue(replacement.isAlive());
        }
        fleet.awaitReady(INSTANCES);
        long rollMillis = (System.nanoTime() - started) / 1_000_000;
        long sentDuring = load.requests() - sentBefore;
        awaitRequests(load, load.requests() + 100); // the new instances serve too
        load.stop();

        assertEquals(List.of(), load.failures(), "failed requests during the rolling restart");
        assertEquals(0, load.outOfStock(), "reservations refused for stock, of a product that has plenty");
        for (String exit : exits) {
            assertTrue(exit.equals("0") || exit.equals("143"), "exit codes after SIGTERM: " + exits);
        }
        Set<String> stored = storedKeys(product);
        assertEquals(load.acknowledged(), stored);
        assertEquals(stock - stored.size(), stockOf(product));
        FIGURES.add(String.format("rolling restart of %d instances (SIGTERM, start the replacement, wait for started, next;"
                        + " SHUTDOWN_DELAY %d s) under load: %.1f s, %d requests during it and %d in all, %d failed;"
                        + " %d reservations acknowledged and stored; exit codes %s",
                INSTANCES, SHUTDOWN_DELAY.toSeconds(), rollMillis / 1000.0, sentDuring, load.requests(),
                load.failures().size(), stored.size(), exits));
    }

    /**
     * More requests at one instance than its pool, each holding its connection: its product's row
     * is locked, so two wait on the lock in PostgreSQL (PgBouncer's two server connections) and
     * the rest of the pool waits in PgBouncer's queue. The pool stops at DB_POOL_MAX_SIZE, the
     * requests beyond it are answered 503 once they have waited their budget, and PgBouncer holds
     * its two server connections and no more.
     */
    @Test
    @Order(4)
    void requestsBeyondThePoolWaitAndNeitherPoolGrows() throws Exception {
        long product = createProduct("SCALE-BURST", 100);
        PackagedApp target = fleet.ready().get(0);
        int burst = 3 * POOL_MAX_SIZE;
        List<Integer> statuses;
        try (Connection locker = postgres.superuser(DATABASE)) {
            locker.setAutoCommit(false);
            try (PreparedStatement lock = locker.prepareStatement("select id from product where id = ? for update")) {
                lock.setLong(1, product);
                lock.execute();
            }
            CompletableFuture<List<Integer>> answers = CompletableFuture.supplyAsync(() -> {
                try {
                    return Concurrently.run(burst, i -> target.http().contentType(ContentType.JSON)
                            .header("Idempotency-Key", "burst-" + i).body(Map.of("quantity", 1))
                            .post("/api/products/{id}/reservations", product).statusCode());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            target.await("the instance's pool full", Duration.ofSeconds(30), () -> watch.mostInUse(target) >= POOL_MAX_SIZE);
            target.await("clients queued in PgBouncer", Duration.ofSeconds(30), () -> watch.mostClientsWaiting() > 0);
            locker.commit();
            statuses = answers.get(2, TimeUnit.MINUTES);
        }

        assertEquals(POOL_MAX_SIZE, watch.mostInUse(target), "connections in use at once in the instance");
        assertEquals(SERVER_POOL, watch.mostServerConnections(), "PgBouncer's server connections at once");
        assertTrue(statuses.stream().allMatch(status -> status == 201 || status == 503), "statuses: " + statuses);
        long acknowledged = statuses.stream().filter(status -> status == 201).count();
        assertEquals(acknowledged, storedKeys(product).size(), "stored: one reservation per 201");
        assertEquals(100 - acknowledged, stockOf(product));
        FIGURES.add(String.format("%d reservations at once at one instance, its product's row locked: at most %d of its"
                        + " connections in use (DB_POOL_MAX_SIZE %d), %d answered 201 and %d 503 (busy), each 201 stored once",
                burst, watch.mostInUse(target), POOL_MAX_SIZE, acknowledged, burst - acknowledged));
    }

    private static void awaitRequests(LoadClient load, long count) {
        Awaitility.await("the load client sent " + count + " requests").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(50)).until(() -> load.requests() >= count);
    }

    private static long createProduct(String sku, int stock) {
        int id = fleet.ready().get(0).http().contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "name", "Scale-out", "price", 1, "stock", stock))
                .post("/api/products").then().statusCode(201).extract().path("id");
        return id;
    }

    private static long stockOf(long product) throws SQLException {
        return number("select stock from product where id = ?", product);
    }

    /** The units reserved on the product, whatever the number of rows. */
    private static long unitsReserved(long product) throws SQLException {
        return number("select coalesce(sum(quantity), 0) from reservation where product_id = ?", product);
    }

    private static Set<String> storedKeys(long product) throws SQLException {
        try (Connection connection = postgres.superuser(DATABASE);
             PreparedStatement statement = connection.prepareStatement(
                     "select idempotency_key from reservation where product_id = ?")) {
            statement.setLong(1, product);
            Set<String> keys = new HashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            return keys;
        }
    }

    /** The one number {@code sql} answers for the product. */
    private static long number(String sql, long product) throws SQLException {
        try (Connection connection = postgres.superuser(DATABASE);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, product);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Whether every instance counted reservation requests in its metrics. */
    private static boolean servedByEveryInstance() {
        return fleet.members().stream().allMatch(instance -> instance.http().get("/q/metrics").asString()
                .contains("uri=\"/api/products/{productId}/reservations\""));
    }
}
