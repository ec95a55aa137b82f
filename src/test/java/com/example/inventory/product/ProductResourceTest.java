package com.example.inventory.product;

import com.example.support.ApiContract;
import com.example.support.Concurrently;
import com.example.support.SendsMalformedRequests;
import com.example.support.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.example.support.Problems.problem;
import static com.example.support.TestData.createProduct;
import static com.example.support.TestData.product;
import static com.example.support.TestData.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The product API over HTTP, against a real PostgreSQL. Re-run against the packaged jar by {@link ProductResourceIT}. */
@QuarkusTest
class ProductResourceTest {

    @Test
    void createdProductIsAnswered201WithLocationETagAndBody() {
        Map<String, Object> body = product("Kettle", "24.90", 5);

        Response created = given().contentType(ContentType.JSON).body(body)
                .when().post("/api/products")
                .then().statusCode(201)
                .header("Location", containsString("/api/products/"))
                .header("ETag", equalTo("\"0\""))
                .body("sku", equalTo(body.get("sku")))
                .body("name", equalTo("Kettle"))
                .body("description", equalTo("made by a test"))
                .body("price", equalTo(24.90f))
                .body("stock", equalTo(5))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue())
                .extract().response();

        long id = created.jsonPath().getLong("id");
        assertTrue(created.header("Location").endsWith("/api/products/" + id));
        given().when().get(created.header("Location"))
                .then().statusCode(200).body("id", equalTo((int) id)).body("name", equalTo("Kettle"));
    }

    @Test
    void productIsReadWithItsVersionAsETag() {
        long id = createProduct(3);

        given().when().get("/api/products/{id}", id)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("ETag", equalTo("\"0\""))
                .body("id", equalTo((int) id))
                .body("stock", equalTo(3))
                .body("version", nullValue()); // the version travels as the ETag only
    }

    @Test
    void readWithCurrentETagInIfNoneMatchIsNotModified() {
        long id = createProduct(3);

        given().header("If-None-Match", "\"0\"")
                .when().get("/api/products/{id}", id)
                .then().statusCode(304).header("ETag", equalTo("\"0\""));
    }

    @Test
    void unknownProductIsNotFound() {
        given().when().get("/api/products/{id}", Long.MAX_VALUE)
                .then().spec(problem(404, "not-found"))
                .body("detail", containsString(Long.toString(Long.MAX_VALUE)))
                .body("instance", equalTo("/api/products/" + Long.MAX_VALUE));
    }

    @SendsMalformedRequests
    @Test
    void nonNumericProductIdIsNotFound() {
        given().when().get("/api/products/not-a-number").then().spec(problem(404, "not-found"));
    }

    @Test
    void listIsPagedWithMetadataAndLinks() {
        String token = unique("Paged");
        for (int i = 0; i < 3; i++) {
            createProduct(product(token + " item", "1.00", 1));
        }

        List<String> links = given().queryParam("q", token).queryParam("size", 2)
                .when().get("/api/products")
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .body("totalItems", equalTo(3))
                .body("totalPages", equalTo(2))
                .extract().headers().getValues("Link");
        assertThat(links, hasItem(allOf(containsString("page=1>"), containsString("rel=\"next\""))));
        assertThat(links, hasItem(allOf(containsString("page=0>"), containsString("rel=\"first\""))));
        assertThat(links, hasItem(allOf(containsString("q=" + token), containsString("rel=\"last\""))));

        given().queryParam("q", token).queryParam("size", 2).queryParam("page", 1)
                .when().get("/api/products")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("page", equalTo(1))
                .body("totalItems", equalTo(3));
    }

    @Test
    void listWithoutSizeUsesTheDefaultPageSize() {
        String token = unique("Default");
        for (int i = 0; i < 21; i++) {
            createProduct(product(token + " item", "1.00", 1));
        }

        given().queryParam("q", token)
                .when().get("/api/products")
                .then().statusCode(200)
                .body("size", equalTo(20))
                .body("items", hasSize(20))
                .body("totalItems", equalTo(21))
                .body("totalPages", equalTo(2));
    }

    @Test
    void pageSizeUpToTheMaximumIsAccepted() {
        given().queryParam("size", 100).when().get("/api/products").then().statusCode(200).body("size", equalTo(100));
        ApiContract.malformed(given()).queryParam("size", 101).when().get("/api/products")
                .then().spec(problem(400, "validation")).body("errors.field", contains("size"));
        ApiContract.malformed(given()).queryParam("size", 0).when().get("/api/products")
                .then().spec(problem(400, "validation"));
    }

    @Test
    void pagesMayNotStartDeeperThanTheMaximumOffset() {
        given().queryParam("page", 500).queryParam("size", 20).when().get("/api/products").then().statusCode(200);
        given().queryParam("page", 501).queryParam("size", 20).when().get("/api/products")
                .then().spec(problem(400, "validation")).body("errors.field", contains("page"));
        given().queryParam("page", 107374183).queryParam("size", 20).when().get("/api/products")
                .then().spec(problem(400, "validation")).body("errors.field", contains("page"));
    }

    @Test
    void listIsSortedByTheRequestedFieldsWithTheIdBreakingTies() {
        String token = unique("Sorted");
        long cheapA = createProduct(product(token + " a", "1.00", 1));
        long dear = createProduct(product(token + " b", "5.00", 1));
        long cheapB = createProduct(product(token + " c", "1.00", 1));

        List<Long> ids = given().queryParam("q", token).queryParam("sort", "-price")
                .when().get("/api/products")
                .then().statusCode(200)
                .extract().jsonPath().getList("items.id", Long.class);

        assertEquals(List.of(dear, cheapA, cheapB), ids);

        given().queryParam("q", token).queryParam("sort", "price,-id")
                .when().get("/api/products")
                .then().statusCode(200)
                .body("items.id", contains((int) cheapB, (int) cheapA, (int) dear));
    }

    @Test
    void filterMatchesSkuOrNameIgnoringCaseAndTakesWildcardsLiterally() {
        String token = unique("Filter");
        long percent = createProduct(product(token + " 100% Cotton", "3.00", 1));
        createProduct(product(token + " 100 Cotton", "3.00", 1));

        given().queryParam("q", token.toUpperCase() + " 100%")
                .when().get("/api/products")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo((int) percent));

        Map<String, Object> bySku = product("Found by SKU", "3.00", 1);
        long skuMatch = createProduct(bySku);
        given().queryParam("q", ((String) bySku.get("sku")).toLowerCase())
                .when().get("/api/products")
                .then().statusCode(200)
                .body("items.id", contains((int) skuMatch));
    }

    @Test
    void filterTakesUnderscoreAndBackslashLiterally() {
        String token = unique("Escape");
        long underscore = createProduct(product(token + " a_b", "1.00", 1));
        createProduct(product(token + " axb", "1.00", 1));
        long backslash = createProduct(product(token + " c\\d", "1.00", 1));

        given().queryParam("q", token + " a_b").when().get("/api/products")
                .then().statusCode(200).body("items.id", contains((int) underscore));
        given().queryParam("q", "c\\d").when().get("/api/products")
                .then().statusCode(200).body("items.id", contains((int) backslash));
    }

    @Test
    void filterWithANulCharacterIsRejected() {
        given().urlEncodingEnabled(false).queryParam("q", "a%00b").when().get("/api/products")
                .then().spec(problem(400, "validation")).body("errors[0].field", equalTo("q"));
    }

    @SendsMalformedRequests
    @Test
    void listRejectsInvalidPagingAndSortingNamingEachParameter() {
        given().queryParam("page", "-1").queryParam("size", "1000").queryParam("sort", "password")
                .when().get("/api/products")
                .then().spec(problem(400, "validation"))
                .body("errors.field", contains("page", "size", "sort"));

        given().queryParam("size", "abc")
                .when().get("/api/products")
                .then().spec(problem(400, "validation"))
                .body("errors[0].field", equalTo("size"));

        given().queryParam("q", "x".repeat(101))
                .when().get("/api/products")
                .then().spec(problem(400, "validation"))
                .body("errors[0].field", equalTo("q"));
    }

    @SendsMalformedRequests
    @Test
    void invalidProductIsRejectedWithOneErrorPerField() {
        Map<String, Object> body = Map.of("sku", "has spaces", "name", " ", "price", -1, "stock", -5,
                "description", "d".repeat(2001));

        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/products")
                .then().spec(problem(400, "validation"))
                .body("errors.field", contains("description", "name", "price", "sku", "stock"));
    }

    @SendsMalformedRequests
    @Test
    void missingRequiredFieldsAreNamed() {
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/api/products")
                .then().spec(problem(400, "validation"))
                .body("errors.field", contains("name", "price", "sku", "stock"));
    }

    @SendsMalformedRequests
    @Test
    void priceWithMoreThanTwoDecimalsIsRejected() {
        Map<String, Object> body = product("Precise", "1.005", 1);

        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/products")
                .then().spec(problem(400, "validation"))
                .body("errors.field", contains("price"));
    }

    @Test
    void takenSkuIsAConflict() {
        Map<String, Object> body = product("Original", "2.00", 1);
        createProduct(body);

        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/products")
                .then().spec(problem(409, "sku-taken"))
                .body("detail", containsString((String) body.get("sku")));
    }

    @SendsMalformedRequests
    @Test
    void malformedJsonIsABadRequest() {
        given().contentType(ContentType.JSON).body("{\"sku\": ")
                .when().post("/api/products")
                .then().spec(problem(400, "malformed-request"));
    }

    @SendsMalformedRequests
    @Test
    void valueOfTheWrongTypeIsABadRequestNamingTheField() {
        Map<String, Object> body = product("Typed", "1.00", 1);
        body.put("stock", "many");

        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/products")
                .then().spec(problem(400, "malformed-request"))
                .body("detail", containsString("'stock'"));

        body.put("stock", 1.5);
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/products")
                .then().spec(problem(400, "malformed-request"))
                .body("detail", containsString("'stock'"));
    }

    @SendsMalformedRequests
    @Test
    void textWithANulCharacterOrABooleanForTextIsABadRequestNamingTheField() {
        Map<String, Object> body = product("Nul\u0000inside", "1.00", 1);
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/products")
                .then().spec(problem(400, "malformed-request"))
                .body("detail", containsString("'name'"));

        body.put("name", true);
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/products")
                .then().spec(problem(400, "malformed-request"))
                .body("detail", containsString("'name'"));
    }

    @Test
    void priceIsStoredAndShownWithTwoDecimals() {
        String sku = unique("Scale");
        String body = "{\"sku\":\"" + sku + "\",\"name\":\"Scaled\",\"price\":1E+2,\"stock\":1}";

        String created = given().contentType(ContentType.JSON).body(body)
                .when().post("/api/products")
                .then().statusCode(201).extract().asString();

        assertTrue(created.contains("\"price\":100.00"), created);
    }

    @SendsMalformedRequests
    @Test
    void unknownFieldIsABadRequestNamingTheField() {
        Map<String, Object> body = product("Typo", "1.00", 1);
        body.put("prise", 3);

        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/products")
                .then().spec(problem(400, "malformed-request"))
                .body("detail", containsString("'prise'"));
    }

    @SendsMalformedRequests
    @Test
    void missingBodyIsABadRequest() {
        given().contentType(ContentType.JSON)
                .when().post("/api/products")
                .then().spec(problem(400, "validation"));
    }

    @SendsMalformedRequests
    @Test
    void bodyInAnotherMediaTypeIsUnsupported() {
        given().contentType(ContentType.TEXT).body("sku=x")
                .when().post("/api/products")
                .then().spec(problem(415, "unsupported-media-type"));
    }

    @Test
    void replaceWithCurrentETagUpdatesAndChangesTheETag() {
        Map<String, Object> body = product("Before", "1.00", 1);
        long id = createProduct(body);
        body.put("name", "After");
        body.put("stock", 9);

        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(body)
                .when().put("/api/products/{id}", id)
                .then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("name", equalTo("After"))
                .body("stock", equalTo(9));

        given().when().get("/api/products/{id}", id)
                .then().statusCode(200).header("ETag", equalTo("\"1\"")).body("name", equalTo("After"));
    }

    @Test
    void replaceWithStaleETagFailsThePreconditionAndChangesNothing() {
        Map<String, Object> body = product("Kept", "1.00", 1);
        long id = createProduct(body);
        body.put("name", "Lost update");

        given().contentType(ContentType.JSON).header("If-Match", "\"7\"").body(body)
                .when().put("/api/products/{id}", id)
                .then().spec(problem(412, "precondition-failed"));
        given().contentType(ContentType.JSON).header("If-Match", "W/\"0\"").body(body)
                .when().put("/api/products/{id}", id)
                .then().spec(problem(412, "precondition-failed"));

        given().when().get("/api/products/{id}", id)
                .then().statusCode(200).header("ETag", equalTo("\"0\"")).body("name", equalTo("Kept"));
    }

    @Test
    void concurrentReplacesWithTheSameETagLetExactlyOneWin() throws Exception {
        Map<String, Object> body = product("Contended", "1.00", 1);
        long id = createProduct(body);

        List<Integer> statuses = Concurrently.run(8, i -> given().contentType(ContentType.JSON)
                .header("If-Match", "\"0\"").body(withName(body, "Writer " + i))
                .when().put("/api/products/{id}", id).statusCode());

        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), () -> "statuses: " + statuses);
        assertEquals(7, statuses.stream().filter(s -> s == 412).count(), () -> "statuses: " + statuses);
        given().when().get("/api/products/{id}", id).then().statusCode(200).header("ETag", equalTo("\"1\""));
    }

    @SendsMalformedRequests
    @Test
    void invalidReplacementIsRejectedAndChangesNothing() {
        Map<String, Object> body = product("Valid", "1.00", 1);
        long id = createProduct(body);

        given().contentType(ContentType.JSON).body(withName(body, ""))
                .when().put("/api/products/{id}", id)
                .then().spec(problem(400, "validation")).body("errors.field", contains("name"));
        given().when().get("/api/products/{id}", id).then().statusCode(200).body("name", equalTo("Valid"));
    }

    @Test
    void readWithAStaleIfMatchFailsThePrecondition() {
        long id = createProduct(1);

        given().header("If-Match", "\"7\"").when().get("/api/products/{id}", id)
                .then().spec(problem(412, "precondition-failed"));
    }

    @Test
    void replaceWithoutIfMatchIsUnconditional() {
        Map<String, Object> body = product("Old", "1.00", 1);
        long id = createProduct(body);
        body.put("description", null);

        given().contentType(ContentType.JSON).body(body)
                .when().put("/api/products/{id}", id)
                .then().statusCode(200).body("description", nullValue());
    }

    @Test
    void replaceOfUnknownProductIsNotFound() {
        given().contentType(ContentType.JSON).body(product("Ghost", "1.00", 1))
                .when().put("/api/products/{id}", Long.MAX_VALUE)
                .then().spec(problem(404, "not-found"));
    }

    @Test
    void replaceWithAnotherProductsSkuIsAConflict() {
        Map<String, Object> first = product("First", "1.00", 1);
        createProduct(first);
        Map<String, Object> second = product("Second", "1.00", 1);
        long id = createProduct(second);
        second.put("sku", first.get("sku"));

        given().contentType(ContentType.JSON).body(second)
                .when().put("/api/products/{id}", id)
                .then().spec(problem(409, "sku-taken"));
    }

    private static Map<String, Object> withName(Map<String, Object> body, String name) {
        Map<String, Object> copy = new java.util.HashMap<>(body);
        copy.put("name", name);
        return copy;
    }

    @Test
    void deletedProductIsGone() {
        long id = createProduct(1);

        given().when().delete("/api/products/{id}", id).then().statusCode(204);
        given().when().get("/api/products/{id}", id).then().spec(problem(404, "not-found"));
        given().when().delete("/api/products/{id}", id).then().spec(problem(404, "not-found"));
    }

    @Test
    void productWithReservationsCannotBeDeleted() {
        long id = createProduct(5);
        given().contentType(ContentType.JSON).header("Idempotency-Key", unique("key")).body(Map.of("quantity", 1))
                .when().post("/api/products/{id}/reservations", id)
                .then().statusCode(201);

        given().when().delete("/api/products/{id}", id).then().spec(problem(409, "product-has-reservations"));
        given().when().get("/api/products/{id}", id).then().statusCode(200);
    }

    @Test
    void reservationChangesTheProductsETag() {
        long id = createProduct(5);
        String before = given().when().get("/api/products/{id}", id).then().extract().header("ETag");

        given().contentType(ContentType.JSON).header("Idempotency-Key", unique("key")).body(Map.of("quantity", 2))
                .when().post("/api/products/{id}/reservations", id)
                .then().statusCode(201);

        String after = given().when().get("/api/products/{id}", id).then().extract().header("ETag");
        assertNotEquals(before, after);
        given().contentType(ContentType.JSON).header("If-Match", before).body(product("Stale", "1.00", 1))
                .when().put("/api/products/{id}", id)
                .then().spec(problem(412, "precondition-failed"));
    }
}
