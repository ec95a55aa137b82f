package com.example.database.work;

import com.example.database.DatabaseUnavailableException;
import com.example.database.DatabaseUnavailableException.Reason;
import com.example.inventory.product.Product;
import com.example.support.Concurrently;
import com.example.support.PrometheusText;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static com.example.support.Problems.problem;
import static com.example.support.TestData.createProduct;
import static com.example.support.TestData.product;
import static com.example.support.TestData.stockOf;
import static com.example.support.TestData.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No request waits on the database longer than its deadline (README "Deadlines"): work held by a
 * lock or a slow statement answers 503 {@code database-timeout} within the bound, with nothing
 * applied, and the service answers again as soon as the lock goes. Locks are taken by a session
 * of the test's own, as a long migration or a manual {@code psql} session would.
 */
@QuarkusTest
class DeadlinesTest {

    /** application.properties: the retry budget (5 s) and one statement timeout (2 s). */
    private static final Duration BOUND = Duration.ofSeconds(7);
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration IDLE_IN_TRANSACTION_TIMEOUT = Duration.ofSeconds(5);
    private static final String TIMEOUTS = "database_requests_refused_total";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    UnitsOfWork units;

    /** A session of the test's own, in a transaction, that holds what {@code lock} locks until it is closed. */
    private Connection lockedBy(String lock) throws SQLException {
        Connection locker = dataSource.getConnection();
        locker.setAutoCommit(false);
        try (Statement statement = locker.createStatement()) {
            statement.execute(lock);
        }
        return locker;
    }

    private long count(String query) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static double timeoutsCounted() {
        return PrometheusText.parse(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .sum(TIMEOUTS, "reason=\"timeout\"");
    }

    /** The call's response and how long it took to come. */
    private record Timed(Response response, Duration took) {
    }

    private static Timed timed(Supplier<Response> call) {
        long start = System.nanoTime();
        Response response = call.get();
        return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
    }

    private static void assertWithin(Duration bound, Duration took) {
        assertTrue(took.compareTo(bound) < 0, "answered after " + took.toMillis() + " ms, bound " + bound.toMillis() + " ms");
    }

    private static void assertAtLeast(Duration limit, Duration took) {
        assertTrue(took.compareTo(limit) >= 0, "ended after " + took.toMillis() + " ms, before the limit of " + limit.toMillis() + " ms");
    }

    @AfterEach
    void noSessionOfTheServiceIsLeftIdleInATransaction() throws SQLException {
        assertEquals(0, count("select count(*) from pg_stat_activity where application_name = 'inventory-service'"
                + " and state like 'idle in transaction%'"));
    }

    @Test
    void writesHeldByARowLockAnswer503WithinTheBoundAndChangeNothing() throws Exception {
        Map<String, Object> body = product("Locked", "4.00", 10);
        long id = createProduct(body);
        String key = unique("locked");
        double timeoutsBefore = timeoutsCounted();

        try (Connection locker = lockedBy("select * from product where id = " + id + " for update")) {
            body.put("name", "Changed while locked");
            Timed replace = timed(() -> given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(body)
                    .when().put("/api/products/{id}", id));
            Timed reserve = timed(() -> given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body(Map.of("quantity", 3)).when().post("/api/products/{id}/reservations", id));
            Timed delete = timed(() -> given().when().delete("/api/products/{id}", id));

            for (Timed write : List.of(replace, reserve, delete)) {
                write.response().then().spec(problem(503, "database-timeout")).header("Retry-After", equalTo("5"));
                assertAtLeast(LOCK_TIMEOUT, write.took());
                assertWithin(BOUND, write.took());
            }
            // A write without an idempotency key is not run again: its answer comes after one lock timeout.
            assertWithin(STATEMENT_TIMEOUT, replace.took());
            assertWithin(STATEMENT_TIMEOUT, delete.took());
            locker.rollback();
        }

        given().when().get("/api/products/{id}", id)
                .then().statusCode(200).header("ETag", equalTo("\"0\""))
                .body("name", equalTo("Locked")).body("stock", equalTo(10));
        given().when().get("/api/products/{id}/reservations", id).then().statusCode(200).body("items", hasSize(0));
        assertEquals(timeoutsBefore + 3, timeoutsCounted());

        // The lock gone, the same reservation with its key is made, once.
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(Map.of("quantity", 3))
                .when().post("/api/products/{id}/reservations", id)
                .then().statusCode(201).header("Idempotent-Replayed", nullValue());
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(Map.of("quantity", 3))
                .when().post("/api/products/{id}/reservations", id)
                .then().statusCode(201).header("Idempotent-Replayed", equalTo("true"));
        assertEquals(7, stockOf(id));
    }

    @Test
    void readsHeldByATableLockAnswer503WithinTheBoundAndTheServiceAnswersAgainAtOnce() throws Exception {
        List<Timed> reads;
        try (Connection locker = lockedBy("lock table product in access exclusive mode")) {
            reads = Concurrently.run(24, i -> timed(() -> given().when().get("/api/products?size=5")));

            Timed live = timed(() -> given().when().get("/q/health/live"));
            live.response().then().statusCode(200);
            assertWithin(Duration.ofSeconds(3), live.took()); // the probe's timeoutSeconds
            Timed ready = timed(() -> given().when().get("/q/health/ready"));
            ready.response().then().statusCode(200);
            assertWithin(Duration.ofSeconds(3), ready.took());
            locker.rollback();
        }

        for (Timed read : reads) {
            int status = read.response().statusCode();
            assertEquals(503, status, read.response().asString());
            // A connection waited for the lock (database-timeout), or none was free (service-unavailable): never a 500.
            String type = read.response().jsonPath().getString("type");
            assertTrue(Set.of("database-timeout", "service-unavailable").stream().anyMatch(type::endsWith), type);
            assertWithin(BOUND, read.took());
        }
        assertTrue(reads.stream().anyMatch(read -> read.response().jsonPath().getString("type").endsWith("database-timeout")));
        // No outage was recorded, so nothing waits or fails fast: the next read is served as usual.
        given().when().get("/api/products?size=5").then().statusCode(200)
                .time(lessThan(STATEMENT_TIMEOUT.toMillis()), TimeUnit.MILLISECONDS);
    }

    @Test
    void aWriteRunsUnderItsLimitsWhichEndWithItsTransaction() {
        String limits = "select current_setting('statement_timeout') || ' ' || current_setting('lock_timeout')"
                + " || ' ' || current_setting('idle_in_transaction_session_timeout')";

        assertEquals("2s 1s 5s", units.write(() -> Product.getEntityManager().createNativeQuery(limits).getSingleResult()));
        assertEquals("0 0 0", units.read(() -> Product.getEntityManager().createNativeQuery(limits).getSingleResult()),
                "a read, on a connection of the same pool, after the write's transaction");
    }

    @Test
    void aSlowStatementOfAWriteIsCancelledAtTheStatementTimeoutAndNotRunAgain() throws SQLException {
        AtomicInteger attempts = new AtomicInteger();
        long start = System.nanoTime();

        DatabaseUnavailableException timedOut = assertThrows(DatabaseUnavailableException.class, () -> units.write(() -> {
            attempts.incrementAndGet();
            return Product.getEntityManager().createNativeQuery("select pg_sleep(60)").getSingleResult();
        }));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(Reason.TIMED_OUT, timedOut.reason());
        assertEquals("57014", timedOut.sqlState().orElseThrow());
        assertEquals(1, attempts.get());
        assertAtLeast(STATEMENT_TIMEOUT, took);
        assertWithin(BOUND, took);
        assertEquals(0, count("select count(*) from pg_stat_activity where query like 'select pg_sleep(60)%' and state = 'active'"));
    }

    @Test
    void aSlowReadIsCancelledByTheDriverAndRunAgainWithinTheBudget() throws SQLException {
        AtomicInteger attempts = new AtomicInteger();
        long start = System.nanoTime();

        DatabaseUnavailableException timedOut = assertThrows(DatabaseUnavailableException.class, () -> units.read(() -> {
            attempts.incrementAndGet();
            return Product.getEntityManager().createNativeQuery("select pg_sleep(61)").getSingleResult();
        }));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(Reason.TIMED_OUT, timedOut.reason());
        assertEquals("57014", timedOut.sqlState().orElseThrow());
        assertTrue(attempts.get() >= 2, "attempts: " + attempts.get());
        assertWithin(BOUND, took);
        // The cancel request reaches the server a moment after the driver gives up on the statement.
        await("the read cancelled on the server").atMost(Duration.ofSeconds(5)).until(() ->
                count("select count(*) from pg_stat_activity where query like 'select pg_sleep(61)%' and state = 'active'") == 0);
    }

    @Test
    void aTransactionLeftIdleIsEndedByTheDatabaseAndRolledBack() throws Exception {
        String sku = unique("IDLE");

        DatabaseUnavailableException timedOut = assertThrows(DatabaseUnavailableException.class, () -> units.write(() -> {
            Product product = new Product();
            product.sku = sku;
            product.name = "written, then left idle";
            product.price = java.math.BigDecimal.ONE;
            product.persistAndFlush();
            Number pid = (Number) Product.getEntityManager().createNativeQuery("select pg_backend_pid()").getSingleResult();
            // Another thread, outside this transaction, watches the server end this session.
            awaitSessionEnded(pid.longValue());
            return Product.count("sku", sku);
        }));

        assertEquals(Reason.TIMED_OUT, timedOut.reason());
        assertEquals("25P03", timedOut.sqlState().orElseThrow());
        assertEquals(0L, units.read(() -> Product.count("sku", sku)), "the insert was rolled back");
    }

    private void awaitSessionEnded(long pid) {
        try {
            CompletableFuture.runAsync(() -> await("the idle session ended by the server")
                    .atMost(IDLE_IN_TRANSACTION_TIMEOUT.plusSeconds(10))
                    .until(() -> count("select count(*) from pg_stat_activity where pid = " + pid) == 0))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
