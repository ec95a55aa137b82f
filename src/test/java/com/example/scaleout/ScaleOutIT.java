package com.example.scaleout;

import com.example.support.NeonLikePostgres;
import com.example.support.PackagedApp;
import com.example.support.PgBouncer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /**
     * Each instance's pool: together 15 connections over PgBouncer's 4, so clients queue there,
     * as many pods queue on a small compute's pooler.
     */
    private static final int POOL_MAX_SIZE = 5;
    /**
     * Fewer than one instance's pool even when every thread picks the same instance and a probe
     * runs beside them: no request waits for a pool connection here, so an answer other than
     * success is the rollout's or the crash's doing, not load shedding (BusyPoolIT covers that).
     */
    private static final int LOAD_THREADS = 4;
    /** Longer than the load client's readiness poll (1 s), so it stops sending before the port closes. */
    private static final Duration SHUTDOWN_DELAY = Duration.ofSeconds(3);
    /** quarkus.shutdown.timeout in application.properties. */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> FIGURES = new CopyOnWriteArrayList<>();

    private static NeonLikePostgres postgres;
    private static PgBouncer bouncer;
    private static Fleet fleet;
    private static ConnectionWatch watch;
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void startFleet() throws Exception {
        Optional<Path> executable = PgBouncer.executable();
        if (executable.isEmpty()) {
            fail("pgbouncer is required: apt-get install pgbouncer");
        }
        postgres = NeonLikePostgres.start();
        postgres.createDatabase(DATABASE);
        bouncer = PgBouncer.start(executable.get(), postgres, DATABASE);

        String pooled = "postgresql://" + NeonLikePostgres.USER + ":" + NeonLikePostgres.encodedPassword()
                + "@127.0.0.1:" + bouncer.port() + "/" + DATABASE + "?prepareThreshold=0";
        // Migrations once, over the direct URL, as the deploy-time Job does (deploy/kubernetes).
        PackagedApp.Result migrated = PackagedApp.run(Map.of("DATABASE_URL", pooled, "DATABASE_URL_UNPOOLED",
                postgres.neonUrl(DATABASE)), Duration.ofSeconds(90), "migrate");
        assertEquals(0, migrated.exitCode(), migrated.output());

        fleet = Fleet.start(INSTANCES, Map.of(
                "DATABASE_URL", pooled,
                "DATABASE_URL_UNPOOLED", postgres.neonUrl(DATABASE),
                "DB_POOL_MAX_SIZE", Integer.toString(POOL_MAX_SIZE),
                "SHUTDOWN_DELAY", SHUTDOWN_DELAY.toSeconds() + "S"));
        watch = new ConnectionWatch(bouncer, DATABASE, fleet);
    }

    @AfterEach
    void neitherSideOfThePoolerOpenedMoreConnectionsThanItMay() {
        assertNull(watch.problem());
        assertTrue(watch.samples() > 0, "no sample of PgBouncer's pools was taken");
        assertTrue(watch.mostServerConnections() <= PgBouncer.POOL_SIZE,
                "PgBouncer held " + watch.mostServerConnections() + " server connections, its pool is " + PgBouncer.POOL_SIZE);
        assertTrue(watch.mostInUseInOneInstance() <= POOL_MAX_SIZE,
                "an instance had " + watch.mostInUseInOneInstance() + " connections in use, DB_POOL_MAX_SIZE is " + POOL_MAX_SIZE);
    }

    @AfterAll
    static void stopAndWriteFigures() throws Exception {
        if (watch != null) {
            FIGURES.add(String.format("connections: PgBouncer's pool %d, at most %d server connections held and %d clients"
                            + " queued for one (%d samples); DB_POOL_MAX_SIZE %d, at most %d in use in one instance"
                            + " (%d instances watched)",
                    PgBouncer.POOL_SIZE, watch.mostServerConnections(), watch.mostClientsWaiting(), watch.samples(),
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
        assertEquals(stock, countRows("select count(*) from reservation where product_id = ?", product));
        assertTrue(servedByEveryInstance(), "each instance served reservations");
        FIGURES.add(String.format("stock %d on one product, %d threads round-robin over %d instances: %d requests,"
                        + " %d reservations acknowledged, %d refused for stock, %d failed; stock left %d, %d rows stored",
                stock, LOAD_THREADS, INSTANCES, load.requests(), load.acknowledged().size(), load.outOfStock(),
                load.failures().size(), stockOf(product), storedKeys(product).size()));
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
        assertEquals(stored.size(), countRows("select count(*) from reservation where product_id = ?", product),
                "no key stored twice");
        assertEquals(stock - stored.size(), stockOf(product));
        List<LoadClient.Failure> elsewhere = load.failures().stream().filter(f -> f.port() != victim.port()).toList();
        assertEquals(List.of(), elsewhere, "failures on the instances that were not killed");
        long onVictim = load.failures().size();
        FIGURES.add(String.format("SIGKILL of one of %d instances under load: %d requests, %d reservations acknowledged"
                        + " and %d stored (each once), %d requests to the killed instance got no answer (retried elsewhere"
                        + " with the same key), 0 failed on the others; stock %d - %d = %d",
                INSTANCES, load.requests(), load.acknowledged().size(), stored.size(), onVictim, stock, stored.size(),
                stockOf(product)));

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
        long started = System.nanoTime();
        for (PackagedApp old : fleet.members()) {
            fleet.terminate(old);
            PackagedApp replacement = fleet.startReplacement();
            exits.add(Integer.toString(fleet.reap(old, SHUTDOWN_DELAY.plus(SHUTDOWN_TIMEOUT).plusSeconds(5))));
            assertTrue(replacement.isAlive());
        }
        fleet.awaitReady(INSTANCES);
        long rollMillis = (System.nanoTime() - started) / 1_000_000;
        long sentBeforeEnd = load.requests();
        awaitRequests(load, sentBeforeEnd + 100); // the new instances serve too
        load.stop();

        assertEquals(List.of(), load.failures(), "failed requests during the rolling restart");
        for (String exit : exits) {
            assertTrue(exit.equals("0") || exit.equals("143"), "exit codes after SIGTERM: " + exits);
        }
        Set<String> stored = storedKeys(product);
        assertEquals(load.acknowledged(), stored);
        assertEquals(stock - stored.size(), stockOf(product));
        FIGURES.add(String.format("rolling restart of %d instances (SIGTERM, start the replacement, wait for started, next;"
                        + " SHUTDOWN_DELAY %d s) under load: %d requests in %.1f s of restart and after, %d failed;"
                        + " %d reservations acknowledged and stored; exit codes %s",
                INSTANCES, SHUTDOWN_DELAY.toSeconds(), load.requests(), rollMillis / 1000.0, load.failures().size(),
                stored.size(), exits));
    }

    private static void awaitRequests(LoadClient load, long count) {
        Awaitility.await("the load client sent " + count + " requests").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(50)).until(() -> load.requests() >= count);
    }

    private static long createProduct(String sku, int stock) throws Exception {
        PackagedApp instance = fleet.ready().get(0);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + "/api/products"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"sku\":\"" + sku + "\",\"name\":\"Scale-out\",\"price\":1,\"stock\":" + stock + "}"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(response.body());
        assertTrue(id.find(), response.body());
        return Long.parseLong(id.group(1));
    }

    private static long stockOf(long product) throws SQLException {
        return countRows("select stock from product where id = ?", product);
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

    private static long countRows(String sql, long product) throws SQLException {
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
    private static boolean servedByEveryInstance() throws IOException, InterruptedException {
        for (PackagedApp instance : fleet.members()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + "/q/metrics")).build();
            String metrics = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            if (!metrics.contains("uri=\"/api/products/{productId}/reservations\"")) {
                return false;
            }
        }
        return true;
    }
}
