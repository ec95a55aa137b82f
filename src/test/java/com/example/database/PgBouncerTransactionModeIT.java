package com.example.database;

import com.example.support.Concurrently;
import com.example.support.NeonLikePostgres;
import com.example.support.PackagedApp;
import com.example.support.PgBouncer;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged service behind a transaction-mode pooler, as behind Neon's {@code -pooler} host,
 * while Flyway migrates over the direct URL (its session-level advisory lock would not survive
 * the pooler). Needs Debian's pgbouncer; CI ({@code CI=true}) fails instead of skipping.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PgBouncerTransactionModeIT {

    private static final String DATABASE = "pooled";
    /** application.properties: the retry budget (5 s) and one statement timeout (2 s). */
    private static final Duration BOUND = Duration.ofSeconds(7);

    private static NeonLikePostgres postgres;
    private static PgBouncer bouncer;

    @BeforeAll
    static void start() {
        Optional<Path> executable = PgBouncer.executable();
        if (executable.isEmpty() && "true".equals(System.getenv("CI"))) {
            fail("pgbouncer is required in CI: apt-get install pgbouncer");
        }
        assumeTrue(executable.isPresent(), "pgbouncer is not installed (apt-get install pgbouncer)");
        postgres = NeonLikePostgres.start();
        postgres.createDatabase(DATABASE);
        bouncer = PgBouncer.start(executable.get(), postgres, DATABASE);
    }

    @AfterAll
    static void stop() throws IOException, InterruptedException {
        if (bouncer != null) {
            bouncer.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1) // it migrates the database, and sees that
    void serviceWorksThroughThePoolerWhileFlywayMigratesDirect() throws Exception {
        try (PackagedApp app = PackagedApp.start(throughThePooler()).awaitListening(Duration.ofSeconds(60))) {
            assertTrue(app.output().contains("Database: jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + DATABASE),
                    "Flyway did not migrate over the direct URL:\n" + app.output());
            assertTrue(app.output().contains("Successfully applied 5 migrations"), app.output());

            int id = app.http().contentType(ContentType.JSON)
                    .body(Map.of("sku", "POOL-1", "name", "Pooled", "price", 2, "stock", 5))
                    .post("/api/products").then().statusCode(201).extract().path("id");
            app.http().contentType(ContentType.JSON).header("If-Match", "\"0\"")
                    .body(Map.of("sku", "POOL-1", "name", "Pooled, renamed", "price", 2, "stock", 5))
                    .put("/api/products/{id}", id).then().statusCode(200);
            app.http().queryParam("q", "pool").get("/api/products").then().statusCode(200).body("totalItems", equalTo(1));

            List<Integer> statuses = Concurrently.run(12, i -> app.http().contentType(ContentType.JSON)
                    .header("Idempotency-Key", "pool-" + i).body(Map.of("quantity", 1))
                    .post("/api/products/{id}/reservations", id).statusCode());
            assertEquals(5, statuses.stream().filter(s -> s == 201).count(), () -> "statuses: " + statuses);
            assertEquals(7, statuses.stream().filter(s -> s == 409).count(), () -> "statuses: " + statuses);
            String acceptedKey = "pool-" + statuses.indexOf(201);
            app.http().contentType(ContentType.JSON).header("Idempotency-Key", acceptedKey).body(Map.of("quantity", 1))
                    .post("/api/products/{id}/reservations", id).then().statusCode(201)
                    .header("Idempotent-Replayed", equalTo("true"));
            app.http().get("/api/products/{id}", id).then().statusCode(200).body("stock", equalTo(0));
            app.http().get("/api/products/{id}/reservations", id).then().statusCode(200).body("totalItems", equalTo(5));
        }

        assertTrue(bouncer.logins(DATABASE, NeonLikePostgres.USER) > 0,
                "the service did not connect through PgBouncer:\n" + bouncer.log());
    }

    /**
     * The deadlines pass the pooler (README "Deadlines"): a write's limits, set with SET LOCAL, end
     * its lock wait and stay on no server connection; a read's cancel request reaches the server
     * connection the pooler gave it.
     */
    @Test
    @Order(2)
    void deadlinesHoldThroughThePoolerAndLeaveNothingOnItsConnections() throws Exception {
        try (PackagedApp app = PackagedApp.start(throughThePooler()).awaitListening(Duration.ofSeconds(60))) {
            app.awaitStatus("/q/health/started", 200, Duration.ofSeconds(60));
            int id = app.http().contentType(ContentType.JSON)
                    .body(Map.of("sku", "POOL-LOCKED", "name", "Locked", "price", 2, "stock", 5))
                    .post("/api/products").then().statusCode(201).extract().path("id");

            try (Connection locker = postgres.superuser(DATABASE)) {
                locker.setAutoCommit(false);
                locker.createStatement().execute("select id from product where id = " + id + " for update");
                app.http().contentType(ContentType.JSON).header("If-Match", "\"0\"")
                        .body(Map.of("sku", "POOL-LOCKED", "name", "Renamed", "price", 2, "stock", 5))
                        .put("/api/products/{id}", id).then()
                        .statusCode(503).time(lessThan(BOUND.toMillis()), TimeUnit.MILLISECONDS)
                        .body("type", equalTo("https://example.com/problems/database-timeout"));
                // PostgreSQL's lock timeout (55P03), set with SET LOCAL through the pooler; not the driver's cancel (57014).
                assertTrue(app.output().contains("The database ended PUT /api/products/" + id + " at a deadline: SQLSTATE 55P03"),
                        app.output());
                locker.rollback();

                locker.createStatement().execute("lock table product in access exclusive mode");
                app.http().get("/api/products/{id}", id).then()
                        .statusCode(503).time(lessThan(BOUND.toMillis()), TimeUnit.MILLISECONDS)
                        .body("type", equalTo("https://example.com/problems/database-timeout"));
                // Still locked: a read the driver's cancel had not reached would still be waiting.
                assertEquals(0, count("select count(*) from pg_stat_activity where state = 'active'"
                        + " and query like 'select%from product%' and pid <> pg_backend_pid()"), "a read left waiting");
                locker.rollback();
            }
            app.http().get("/api/products/{id}", id).then().statusCode(200).body("name", equalTo("Locked"));
        }

        // Every server connection of the pool, taken at once, has PostgreSQL's defaults.
        List<String> settings = Concurrently.run(bouncer.poolSize(), i -> {
            try (Connection client = DriverManager.getConnection(pooledJdbcUrl(), NeonLikePostgres.USER, NeonLikePostgres.PASSWORD)) {
                client.setAutoCommit(false);
                try (Statement statement = client.createStatement();
                     ResultSet values = statement.executeQuery("select current_setting('lock_timeout') || ' '"
                             + " || current_setting('statement_timeout') || ' ' || current_setting('idle_in_transaction_session_timeout'),"
                             + " pg_sleep(0.5)")) {
                    values.next();
                    return values.getString(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(Collections.nCopies(bouncer.poolSize(), "0 0 0"), settings);
    }

    private static long count(String query) throws SQLException {
        try (Connection connection = postgres.superuser(DATABASE); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** The service on the pooled URL, migrating over the direct one. */
    private static Map<String, String> throughThePooler() {
        return Map.of(
                "DATABASE_URL", pooledUrl(),
                "DATABASE_URL_UNPOOLED", postgres.neonUrl(DATABASE),
                "DB_MIGRATE_AT_START", "true");
    }

    private static String pooledUrl() {
        return "postgresql://" + NeonLikePostgres.USER + ":" + NeonLikePostgres.encodedPassword()
                + "@127.0.0.1:" + bouncer.port() + "/" + DATABASE + "?prepareThreshold=0";
    }

    private static String pooledJdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + bouncer.port() + "/" + DATABASE + "?prepareThreshold=0";
    }
}
