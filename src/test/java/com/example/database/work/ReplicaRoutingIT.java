package com.example.database.work;

import com.example.support.PackagedApp;
import com.example.support.RestartablePostgres;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The packaged service with a read replica on a second PostgreSQL server. The two are not
 * replicating: a row written to one only is how a test tells which one answered.
 */
class ReplicaRoutingIT {

    private static final Duration START = Duration.ofSeconds(60);
    /** Far above any id the primary hands out in this test. */
    private static final long REPLICA_ONLY_ID = 1_000_000;

    @Test
    void lagTolerantReadsComeFromTheReplicaAndFromThePrimaryWhileItIsAway() {
        try (RestartablePostgres primary = RestartablePostgres.start(); RestartablePostgres replica = RestartablePostgres.start()) {
            // The replica's schema, as replication would have brought it.
            assertEquals(0, PackagedApp.run(Map.of("DATABASE_URL", replica.url()), START, "migrate").exitCode());
            replica.execute("insert into product (id, sku, name, price, stock) overriding system value"
                            + " values (" + REPLICA_ONLY_ID + ", 'ONLY-ON-REPLICA', 'Only on the replica', 1, 5)",
                    "insert into reservation (product_id, quantity, idempotency_key) values (" + REPLICA_ONLY_ID + ", 2, 'replica-key')");

            try (PackagedApp app = PackagedApp.start(Map.of(
                    "DATABASE_URL", primary.url(),
                    "DATABASE_URL_RO", replica.url(),
                    "DB_MIGRATE_AT_START", "true",
                    "DB_REPLICA_RECHECK_INTERVAL", "1S")).awaitListening(START)) {

                // Lists and searches, and a product's reservations, come from the replica...
                app.http().queryParam("q", "only-on-replica").get("/api/products").then()
                        .statusCode(200).body("items.sku", contains("ONLY-ON-REPLICA"));
                app.http().get("/api/products/{id}/reservations", REPLICA_ONLY_ID).then()
                        .statusCode(200).body("items.idempotencyKey", contains("replica-key"));
                // ...reads by id and writes go to the primary.
                app.http().get("/api/products/{id}", REPLICA_ONLY_ID).then().statusCode(404);
                int written = app.http().contentType(ContentType.JSON)
                        .body(Map.of("sku", "ONLY-ON-PRIMARY", "name", "Only on the primary", "price", 2, "stock", 3))
                        .post("/api/products").then().statusCode(201).extract().path("id");
                app.http().get("/api/products/{id}", written).then().statusCode(200).body("sku", equalTo("ONLY-ON-PRIMARY"));
                app.http().queryParam("q", "only-on-primary").get("/api/products").then().statusCode(200).body("items", empty());
                app.http().get("/q/health/ready").then().statusCode(200)
                        .body("checks.find { it.name == 'database' }.data.'rw.state'", equalTo("answering"))
                        .body("checks.find { it.name == 'database' }.data.'ro.state'", equalTo("answering"));

                replica.stopServer();

                // The primary answers them instead, and the service stays ready.
                app.http().queryParam("q", "only-on").get("/api/products").then()
                        .statusCode(200).body("items.sku", contains("ONLY-ON-PRIMARY"));
                app.http().get("/api/products/{id}/reservations", written).then().statusCode(200).body("items", empty());
                app.http().get("/q/health/ready").then().statusCode(200)
                        .body("status", equalTo("UP"))
                        .body("checks.find { it.name == 'database' }.data.'rw.state'", equalTo("answering"))
                        .body("checks.find { it.name == 'database' }.data.'ro.state'", equalTo("unreachable"));

                replica.startServer();

                // Back to the replica, by itself.
                app.await("lists from the replica again", START, () -> app.http().queryParam("q", "only-on")
                        .get("/api/products").jsonPath().getList("items.sku").equals(java.util.List.of("ONLY-ON-REPLICA")));
                app.http().get("/q/health/ready").then().statusCode(200).body("checks.find { it.name == 'database' }.data.'ro.state'", equalTo("answering"));

                String log = app.output();
                assertEquals(1, lines(log, "Database ro ", " unreachable ("), "one line when the replica went:\n" + log);
                assertEquals(1, lines(log, "Database ro ", " answers again after "), "one line when it came back:\n" + log);
                assertEquals(0, lines(log, "Database rw ", " unreachable ("), "the primary was never away:\n" + log);
            }
        }
    }

    private static long lines(String log, String first, String second) {
        return log.lines().filter(line -> line.contains(first) && line.contains(second)).count();
    }
}
