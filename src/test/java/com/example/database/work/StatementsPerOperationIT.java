package com.example.database.work;

import com.example.support.PackagedApp;
import com.example.support.RestartablePostgres;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each operation of the packaged service sends to the database, as the server logs it
 * ({@code log_statement = all}): a read only its own statements, without {@code BEGIN} or
 * {@code COMMIT}, since on Neon each statement is a round trip through a network and a pooler;
 * a write one transaction, which begins with its limits.
 */
class StatementsPerOperationIT {

    private static final Duration START = Duration.ofSeconds(60);
    /** A log record of the service's connections: {@code [inventory-service]LOG:  execute S_1: select …}. */
    private static final Pattern STATEMENT = Pattern.compile(
            "(?m)^\\[inventory-service]LOG:  (?:execute [^:]+|statement): (.*)$");

    @Test
    void aReadSendsOnlyItsOwnStatementsAndAWriteOneTransaction() {
        try (RestartablePostgres postgres = RestartablePostgres.startLoggingStatements();
             PackagedApp app = PackagedApp.start(Map.of(
                     "DATABASE_URL", postgres.url(),
                     "DB_MIGRATE_AT_START", "true")).awaitListening(START)) {
            app.awaitStatus("/q/health/started", 200, START);
            long id = app.http().contentType(ContentType.JSON)
                    .body(Map.of("sku", "LOGGED-1", "name", "Logged", "price", 3, "stock", 10))
                    .post("/api/products").then().statusCode(201).extract().jsonPath().getLong("id");

            List<String> get = statementsOf(postgres, () -> app.http().get("/api/products/{id}", id).then().statusCode(200));
            assertEquals(1, get.size(), "GET by id: " + get);
            assertTrue(get.get(0).matches("select .* from product p1_0 where p1_0\\.id=\\$1"), get.get(0));

            List<String> page = statementsOf(postgres, () -> app.http().get("/api/products?page=1&size=5").then().statusCode(200));
            assertEquals(2, page.size(), "a page: " + page);
            assertTrue(page.get(0).matches("select .* from product p1_0 order by p1_0\\.id offset \\$1 rows fetch first \\$2 rows only"),
                    page.get(0));
            assertEquals("select count(*) from product p1_0", page.get(1));

            // A first page that is not full holds every match: no count is needed.
            List<String> search = statementsOf(postgres, () -> app.http().get("/api/products?q=logged").then().statusCode(200));
            assertEquals(1, search.size(), "a search: " + search);
            assertTrue(search.get(0).matches("select .* from product p1_0 where lower\\(p1_0\\.sku\\) like \\$1 .*"), search.get(0));

            List<String> reserve = statementsOf(postgres, () -> app.http().contentType(ContentType.JSON)
                    .header("Idempotency-Key", "logged-1").body(Map.of("quantity", 1))
                    .post("/api/products/{id}/reservations", id).then().statusCode(201));
            assertEquals(5, reserve.size(), "a reservation: " + reserve);
            assertEquals("BEGIN", reserve.get(0));
            // The transaction's limits (README "Deadlines"), sent with the BEGIN in one round trip.
            assertEquals("select set_config('statement_timeout', '2000', true), set_config('lock_timeout', '1000', true),"
                    + " set_config('idle_in_transaction_session_timeout', '5000', true)", reserve.get(1));
            assertTrue(reserve.get(2).startsWith("insert into reservation "), reserve.get(2));
            assertTrue(reserve.get(3).startsWith("update product p1_0 set stock=(p1_0.stock-$1)"), reserve.get(3));
            assertEquals("COMMIT", reserve.get(4));
        }
    }

    /**
     * The statements the service sent while {@code request} ran, first lines only: those the
     * server logged between the log's end before it and a statement of the test's own after it.
     */
    private static List<String> statementsOf(RestartablePostgres postgres, Runnable request) {
        int from = postgres.serverLog().length();
        request.run();
        String fence = "select 'after the request " + UUID.randomUUID() + "'";
        postgres.execute(fence);
        await("the server's log of the request").atMost(Duration.ofSeconds(10))
                .until(() -> postgres.serverLog().indexOf(fence, from) >= 0);
        String log = postgres.serverLog();
        Matcher statement = STATEMENT.matcher(log.substring(from, log.indexOf(fence, from)));
        List<String> statements = new ArrayList<>();
        while (statement.find()) {
            statements.add(statement.group(1).strip());
        }
        return statements;
    }
}
