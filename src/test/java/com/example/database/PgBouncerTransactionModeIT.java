package com.example.database;

import com.example.support.Concurrently;
import com.example.support.NeonLikePostgres;
import com.example.support.PackagedApp;
import com.example.support.PgBouncer;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged service behind a transaction-mode pooler, as behind Neon's {@code -pooler} host,
 * while Flyway migrates over the direct URL (its session-level advisory lock would not survive
 * the pooler). Needs Debian's pgbouncer; CI ({@code CI=true}) fails instead of skipping.
 */
class PgBouncerTransactionModeIT {

    private static final String DATABASE = "pooled";

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
    void serviceWorksThroughThePoolerWhileFlywayMigratesDirect() throws Exception {
        String pooled = "postgresql://" + NeonLikePostgres.USER + ":" + NeonLikePostgres.encodedPassword()
                + "@127.0.0.1:" + bouncer.port() + "/" + DATABASE + "?prepareThreshold=0";
        Map<String, String> env = Map.of(
                "DATABASE_URL", pooled,
                "DATABASE_URL_UNPOOLED", postgres.neonUrl(DATABASE),
                "DB_MIGRATE_AT_START", "true");
        try (PackagedApp app = PackagedApp.start(env).awaitListening(Duration.ofSeconds(60))) {
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
}
