package com.example.inventory.reservation;

import com.example.support.Concurrently;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static com.example.support.TestData.createProduct;
import static com.example.support.TestData.stockOf;
import static com.example.support.TestData.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reservations racing each other. Re-run against the packaged jar by {@link ReservationConcurrencyIT}. */
@QuarkusTest
class ReservationConcurrencyTest {

    private static final int REQUESTS = 24;

    private static Response reserve(long productId, String key) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(Map.of("quantity", 1))
                .when().post("/api/products/{id}/reservations", productId)
                .andReturn();
    }

    @Test
    void parallelReservationsNeverOversell() throws Exception {
        int stock = 10;
        long productId = createProduct(stock);

        List<Response> responses = Concurrently.run(REQUESTS, i -> reserve(productId, unique("race")));

        List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
        assertEquals(stock, statuses.stream().filter(s -> s == 201).count(), () -> "statuses: " + statuses);
        // Refused by the service's stock check, not by the table's CHECK constraint as a last resort.
        assertEquals(REQUESTS - stock, responses.stream().filter(r -> r.statusCode() == 409
                && r.jsonPath().getString("type").endsWith("/insufficient-stock")).count(), () -> "statuses: " + statuses);
        assertEquals(0, stockOf(productId));
        List<Integer> reserved = given().queryParam("size", 100).when().get("/api/products/{id}/reservations", productId)
                .then().statusCode(200).extract().jsonPath().getList("items.quantity", Integer.class);
        assertEquals(stock, reserved.stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void sameKeySentConcurrentlyReservesOnceAndAlwaysAnswersTheSameReservation() throws Exception {
        long productId = createProduct(50);
        String key = unique("same");

        List<Response> responses = Concurrently.run(REQUESTS, i -> reserve(productId, key));

        Set<Integer> statuses = responses.stream().map(Response::statusCode).collect(Collectors.toSet());
        Set<String> bodies = responses.stream().map(Response::asString).collect(Collectors.toSet());
        long replays = responses.stream().filter(r -> "true".equals(r.header("Idempotent-Replayed"))).count();
        assertEquals(Set.of(201), statuses);
        assertEquals(1, bodies.size(), () -> "bodies: " + bodies);
        assertEquals(REQUESTS - 1, replays);
        assertEquals(49, stockOf(productId));
        assertEquals(1, given().when().get("/api/products/{id}/reservations", productId)
                .then().statusCode(200).extract().jsonPath().getInt("totalItems"));
    }
}
