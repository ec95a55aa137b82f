package com.example.web.auth;

import com.example.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.example.support.Problems.problem;
import static com.example.support.TestData.product;
import static com.example.support.TestData.stockOf;
import static com.example.support.TestData.unique;
import static com.example.support.TestTokens.edDsa;
import static com.example.support.TestTokens.rs256;
import static com.example.support.TestTokens.valid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * With AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE set (README "Security"): every write needs a
 * valid token carrying the write role, RS256 or EdDSA; reads need none; a missing or bad token is
 * a 401 problem with a Bearer challenge, a token without the role a 403 problem, neither echoing
 * the token. Idempotency keys belong to the caller that sent them.
 */
@QuarkusTest
@TestProfile(BearerTokensTest.TokensOn.class)
class BearerTokensTest {

    public static class TokensOn implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TestTokens.Resource.class));
        }
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    private static Response create(RequestSpecification request) {
        return request.contentType(ContentType.JSON).body(product(unique("Secured"), "5.00", 10))
                .when().post("/api/products");
    }

    private static long createAs(String subject) {
        return create(as(rs256(valid(subject)))).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static Response reserve(String token, long productId, String key) {
        return as(token).header("Idempotency-Key", key).body(Map.of("quantity", 1))
                .when().post("/api/products/{id}/reservations", productId);
    }

    @Test
    void aWriteWithoutATokenIsA401ProblemWithABearerChallenge() {
        create(given())
                .then().spec(problem(401, "unauthorized"))
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void everyWriteNeedsAToken() {
        long id = createAs("writer");
        given().contentType(ContentType.JSON).body(product(unique("Changed"), "6.00", 3))
                .when().put("/api/products/{id}", id).then().spec(problem(401, "unauthorized"));
        given().when().delete("/api/products/{id}", id).then().spec(problem(401, "unauthorized"));
        given().contentType(ContentType.JSON).header("Idempotency-Key", unique("key")).body(Map.of("quantity", 1))
                .when().post("/api/products/{id}/reservations", id).then().spec(problem(401, "unauthorized"));
        assertEquals(10, stockOf(id));
    }

    @Test
    void validRs256AndEdDsaTokensMayWrite() {
        create(as(rs256(valid("rsa-caller")))).then().statusCode(201);
        long id = create(as(edDsa(valid("ed-caller")))).then().statusCode(201).extract().jsonPath().getLong("id");

        as(edDsa(valid("ed-caller"))).body(product(unique("Changed"), "6.00", 3))
                .when().put("/api/products/{id}", id).then().statusCode(200).body("stock", equalTo(3));
        as(rs256(valid("rsa-caller"))).when().delete("/api/products/{id}", id).then().statusCode(204);
    }

    @Test
    void readsNeedNoToken() {
        long id = createAs("writer");
        given().when().get("/api/products/{id}", id).then().statusCode(200);
        given().when().get("/api/products").then().statusCode(200);
        given().when().get("/api/products/{id}/reservations", id).then().statusCode(200);
        // A stale token does not turn a public read into an error, even where a good one shows the caller's keys.
        long reservation = reserve(rs256(valid("writer")), id, unique("key")).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        as("not-a-token").when().get("/api/products/{id}", id).then().statusCode(200);
        as("not-a-token").when().get("/api/products/{id}/reservations", id)
                .then().statusCode(200).body("items.idempotencyKey", contains(nullValue()));
        as("not-a-token").when().get("/api/products/{id}/reservations/{r}", id, reservation)
                .then().statusCode(200).body("idempotencyKey", nullValue());
    }

    @Test
    void aTokenMustNameItsCaller() {
        long id = createAs("writer");

        create(as(rs256(valid("nobody").remove("sub"))))
                .then().spec(problem(401, "unauthorized")).header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        // Idempotency keys belong to a caller: a blank subject cannot own one.
        reserve(rs256(valid(" ")), id, unique("key"))
                .then().spec(problem(401, "unauthorized")).header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        assertEquals(10, stockOf(id));
    }

    @Test
    void aTokenWithoutTheWriteRoleIsA403Problem() {
        String token = rs256(valid("reader").groups(Set.of("inventory-reader")));

        Response response = create(as(token));

        response.then().spec(problem(403, "forbidden"));
        assertFalse(response.asString().contains(token));
    }

    @Test
    void expiredWrongIssuerWrongAudienceForgedOrTamperedTokensAre401Problems() {
        Map<String, String> refused = Map.of(
                "expired", rs256(valid("late").issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))),
                "wrong issuer", rs256(valid("other").issuer("https://someone-else.example")),
                "wrong audience", edDsa(valid("other").audience("another-api")),
                "signed with a key not in the JWKS", TestTokens.forged(valid("forger")),
                "tampered RS256", TestTokens.tampered(rs256(valid("tamperer"))),
                "tampered EdDSA", TestTokens.tampered(edDsa(valid("tamperer"))),
                "not a JWT", "not-a-token");
        refused.forEach((what, token) -> {
            Response response = create(as(token));
            response.then().spec(problem(401, "unauthorized"))
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            assertFalse(response.asString().contains(token), what + ": the token is echoed");
        });
    }

    @Test
    void theSameKeyFromTwoCallersIsTwoReservations() {
        long id = createAs("owner");
        String key = unique("shared-key");
        String alice = rs256(valid("alice"));
        String bob = edDsa(valid("bob"));

        Response fromAlice = reserve(alice, id, key);
        Response fromBob = reserve(bob, id, key);
        Response aliceAgain = reserve(alice, id, key);

        fromAlice.then().statusCode(201).body("idempotencyKey", equalTo(key));
        fromBob.then().statusCode(201).body("idempotencyKey", equalTo(key)).header("Idempotent-Replayed", nullValue());
        assertNotEquals(fromAlice.jsonPath().getLong("id"), fromBob.jsonPath().getLong("id"));
        aliceAgain.then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(fromAlice.jsonPath().getInt("id")));
        assertEquals(8, stockOf(id));
    }

    @Test
    void aReservationShowsItsKeyToItsCallerOnly() {
        long id = createAs("owner");
        String aliceKey = unique("alice-key");
        String bobKey = unique("bob-key");
        String alice = rs256(valid("alice"));
        long aliceReservation = reserve(alice, id, aliceKey).then().statusCode(201).extract().jsonPath().getLong("id");
        reserve(edDsa(valid("bob")), id, bobKey).then().statusCode(201);

        as(alice).when().get("/api/products/{id}/reservations", id)
                .then().statusCode(200).body("items.idempotencyKey", containsInAnyOrder(equalTo(aliceKey), nullValue()));
        given().when().get("/api/products/{id}/reservations", id)
                .then().statusCode(200).body("items.idempotencyKey", contains(nullValue(), nullValue()))
                .body(not(containsString(aliceKey))).body(not(containsString(bobKey)));
        as(rs256(valid("bob"))).when().get("/api/products/{id}/reservations/{r}", id, aliceReservation)
                .then().statusCode(200).body("idempotencyKey", nullValue());
        as(alice).when().get("/api/products/{id}/reservations/{r}", id, aliceReservation)
                .then().statusCode(200).body("idempotencyKey", equalTo(aliceKey));
    }
}
