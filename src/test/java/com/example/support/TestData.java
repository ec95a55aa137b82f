package com.example.support;

import io.restassured.http.ContentType;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/**
 * Data that tests create for themselves, through the API. Names are unique per call, so tests
 * never depend on each other or on what a database already holds.
 */
public final class TestData {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestData() {
    }

    /** A token no other test uses: put it in a name to find exactly your products with {@code q}. */
    public static String unique(String prefix) {
        // Fixed width, so that no token is a prefix of another (-00001 vs -00010).
        return String.format("%s-%s-%05d", prefix, RUN, COUNTER.incrementAndGet());
    }

    /** A valid product body with a unique SKU. */
    public static Map<String, Object> product(String name, String price, long stock) {
        Map<String, Object> body = new HashMap<>();
        body.put("sku", unique("SKU"));
        body.put("name", name);
        body.put("description", "made by a test");
        body.put("price", new java.math.BigDecimal(price));
        body.put("stock", stock);
        return body;
    }

    /** Creates a product through the API and returns its id. */
    public static long createProduct(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/products")
                .then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    /** Creates a product with the given stock and returns its id. */
    public static long createProduct(long stock) {
        return createProduct(product(unique("Product"), "9.99", stock));
    }

    public static long stockOf(long productId) {
        return given().when().get("/api/products/{id}", productId)
                .then().statusCode(200)
                .extract().jsonPath().getLong("stock");
    }
}
