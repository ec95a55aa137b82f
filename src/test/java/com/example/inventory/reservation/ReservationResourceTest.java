package com.example.inventory.reservation;

import com.example.support.SendsMalformedRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.example.support.Problems.problem;
import static com.example.support.TestData.createProduct;
import static com.example.support.TestData.product;
import static com.example.support.TestData.stockOf;
import static com.example.support.TestData.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Stock reservations over HTTP, against a real PostgreSQL. Re-run against the packaged jar by {@link ReservationResourceIT}. */
@QuarkusTest
class ReservationResourceTest {

    private static Response reserve(long productId, String key, Object quantity) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(Map.of("quantity", quantity))
                .when().post("/api/products/{id}/reservations", productId);
    }

    @Test
    void reservationTakesStockAndIsAnswered201WithLocation() {
        long productId = createProduct(10);
        String key = unique("key");

        Response response = reserve(productId, key, 3);

        response.then().statusCode(201)
                .header("Location", containsString("/api/products/" + productId + "/reservations/"))
                .header("Idempotent-Replayed", nullValue())
                .body("productId", equalTo((int) productId))
                .body("quantity", equalTo(3))
                .body("idempotencyKey", equalTo(key))
                .body("createdAt", notNullValue());
        assertEquals(7, stockOf(productId));
        given().when().get(response.header("Location"))
                .then().statusCode(200).body("id", equalTo(response.jsonPath().getInt("id")));
    }

    @Test
    void replayedReservationReturnsTheOriginalAndDoesNotDecrementTwice() {
        long productId = createProduct(10);
        String key = unique("key");
        Response original = reserve(productId, key, 4);
        original.then().statusCode(201);

        for (int i = 0; i < 3; i++) {
            Response replay = reserve(productId, key, 4);
            replay.then().statusCode(201)
                    .header("Idempotent-Replayed", equalTo("true"))
                    .header("Location", equalTo(original.header("Location")));
            assertEquals(original.asString(), replay.asString());
        }
        assertEquals(6, stockOf(productId));
    }

    @Test
    void quotedIdempotencyKeyIsTheSameKeyUnquoted() {
        long productId = createProduct(10);
        String key = unique("key");
        reserve(productId, key, 1).then().statusCode(201);

        reserve(productId, "\"" + key + "\"", 1).then().statusCode(201).header("Idempotent-Replayed", equalTo("true"));
        assertEquals(9, stockOf(productId));
    }

    @Test
    void keyReusedForADifferentReservationIsUnprocessable() {
        long productId = createProduct(10);
        long otherProduct = createProduct(10);
        String key = unique("key");
        reserve(productId, key, 2).then().statusCode(201);

        reserve(productId, key, 5).then().spec(problem(422, "idempotency-key-reused"));
        reserve(otherProduct, key, 2).then().spec(problem(422, "idempotency-key-reused"));
        assertEquals(8, stockOf(productId));
        assertEquals(10, stockOf(otherProduct));
    }

    @Test
    void reservationBeyondStockIsAConflictAndTakesNothing() {
        long productId = createProduct(2);

        reserve(productId, unique("key"), 3).then().spec(problem(409, "insufficient-stock"));

        assertEquals(2, stockOf(productId));
        given().when().get("/api/products/{id}/reservations", productId)
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void refusedReservationCanBeRetriedWithTheSameKeyOnceStockArrives() {
        Map<String, Object> body = product(unique("Restocked"), "1.00", 1);
        long productId = createProduct(body);
        String key = unique("key");
        reserve(productId, key, 5).then().spec(problem(409, "insufficient-stock"));

        body.put("stock", 5);
        given().contentType(ContentType.JSON).body(body).when().put("/api/products/{id}", productId)
                .then().statusCode(200);

        reserve(productId, key, 5).then().statusCode(201).header("Idempotent-Replayed", nullValue());
        assertEquals(0, stockOf(productId));
    }

    @SendsMalformedRequests
    @Test
    void reservationNeedsAnIdempotencyKey() {
        long productId = createProduct(5);

        given().contentType(ContentType.JSON).body(Map.of("quantity", 1))
                .when().post("/api/products/{id}/reservations", productId)
                .then().spec(problem(400, "validation"))
                .body("errors[0].field", equalTo("Idempotency-Key"));
        assertEquals(5, stockOf(productId));
    }

    @SendsMalformedRequests
    @Test
    void malformedIdempotencyKeyIsRejected() {
        long productId = createProduct(5);

        reserve(productId, "has space", 1).then().spec(problem(400, "validation"))
                .body("errors[0].field", equalTo("Idempotency-Key"));
        reserve(productId, "k".repeat(256), 1).then().spec(problem(400, "validation"));
        reserve(productId, "\"\"", 1).then().spec(problem(400, "validation"));
        assertEquals(5, stockOf(productId));
    }

    @SendsMalformedRequests
    @Test
    void quantityMustBeAPositiveWholeNumber() {
        long productId = createProduct(5);

        reserve(productId, unique("key"), 0).then().spec(problem(400, "validation"))
                .body("errors.field", contains("quantity"));
        reserve(productId, unique("key"), -2).then().spec(problem(400, "validation"));
        reserve(productId, unique("key"), 1.5).then().spec(problem(400, "malformed-request"));
        reserve(productId, unique("key"), "two").then().spec(problem(400, "malformed-request"));
        assertEquals(5, stockOf(productId));
    }

    @Test
    void reservationOfAnUnknownProductIsNotFound() {
        reserve(Long.MAX_VALUE, unique("key"), 1).then().spec(problem(404, "not-found"));
    }

    @Test
    void reservationsAreListedOldestFirstAndPaged() {
        long productId = createProduct(10);
        String first = unique("key");
        String second = unique("key");
        String third = unique("key");
        reserve(productId, first, 1).then().statusCode(201);
        reserve(productId, second, 2).then().statusCode(201);
        reserve(productId, third, 3).then().statusCode(201);

        given().when().get("/api/products/{id}/reservations", productId)
                .then().statusCode(200)
                .body("items.idempotencyKey", contains(first, second, third))
                .body("totalItems", equalTo(3));

        given().queryParam("size", 2).queryParam("page", 1)
                .when().get("/api/products/{id}/reservations", productId)
                .then().statusCode(200)
                .body("items.idempotencyKey", contains(third))
                .body("totalItems", equalTo(3))
                .body("totalPages", equalTo(2));

        given().queryParam("sort", "-quantity")
                .when().get("/api/products/{id}/reservations", productId)
                .then().statusCode(200)
                .body("items.quantity", contains(3, 2, 1));
    }

    @SendsMalformedRequests
    @Test
    void reservationListRejectsInvalidPagingNamingEachParameter() {
        long productId = createProduct(1);

        given().queryParam("page", "x").queryParam("sort", "idempotencyKey")
                .when().get("/api/products/{id}/reservations", productId)
                .then().spec(problem(400, "validation"))
                .body("errors.field", contains("page", "sort"));
    }

    @Test
    void reservationsOfAnUnknownProductAreNotFound() {
        given().when().get("/api/products/{id}/reservations", Long.MAX_VALUE)
                .then().spec(problem(404, "not-found"));
    }

    @Test
    void reservationIsOnlyFoundUnderItsOwnProduct() {
        long productId = createProduct(10);
        long otherProduct = createProduct(10);
        int reservationId = reserve(productId, unique("key"), 1).then().statusCode(201).extract().path("id");

        given().when().get("/api/products/{p}/reservations/{r}", otherProduct, reservationId)
                .then().spec(problem(404, "not-found"));
        given().when().get("/api/products/{p}/reservations/{r}", productId, Long.MAX_VALUE)
                .then().spec(problem(404, "not-found"));
    }
}
