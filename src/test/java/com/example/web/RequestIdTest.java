package com.example.web;

import com.example.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static com.example.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every request gets an id: the caller's {@code X-Request-Id} when it is 1 to 128 visible ASCII
 * characters, a new one otherwise; it comes back in the header and in every problem body.
 */
@QuarkusTest
class RequestIdTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void theCallersIdIsReturnedInTheHeaderAndTheProblem() {
        String id = "order-42/retry:1";

        given().header(RequestId.HEADER, id).when().get("/api/products/0").then()
                .spec(problem(404, "not-found"))
                .header(RequestId.HEADER, id)
                .body("requestId", equalTo(id));
    }

    @Test
    void aSuccessfulResponseCarriesTheIdToo() {
        given().header(RequestId.HEADER, "list-1").when().get("/api/products").then()
                .statusCode(200)
                .header(RequestId.HEADER, "list-1");
    }

    @Test
    void withoutAnIdTheServiceMakesOneUpPerRequest() {
        Response first = given().when().get("/api/products/0");
        Response second = given().when().get("/api/products/0");

        String id = first.header(RequestId.HEADER);
        assertTrue(id.matches(UUID), id);
        assertEquals(4, java.util.UUID.fromString(id).version(), "a random UUID: " + id);
        assertEquals(2, java.util.UUID.fromString(id).variant(), "of the IETF variant: " + id);
        assertEquals(id, first.jsonPath().getString("requestId"));
        assertNotEquals(id, second.header(RequestId.HEADER));
    }

    @Test
    void anIdOf128CharactersIsKeptAndOneOf129IsReplaced() {
        String longest = "a".repeat(128);
        given().header(RequestId.HEADER, longest).when().get("/api/products/0").then()
                .header(RequestId.HEADER, longest);

        Response tooLong = given().header(RequestId.HEADER, "a".repeat(129)).when().get("/api/products/0");

        assertReplaced(tooLong);
    }

    @Test
    void anIdWithATabASpaceOrANonAsciiCharacterIsReplaced() throws IOException {
        for (String id : new String[] {"bad\tid", "two words", "caf\u00e9"}) {
            assertReplaced(RawHttp.get(RestAssured.port, "/api/products/0", Map.of(RequestId.HEADER, id)));
        }
    }

    /** The HTTP server itself refuses other control characters in any header, before the service sees the request. */
    @Test
    void anIdWithAnyOtherControlCharacterIsRefusedNotEchoed() throws IOException {
        for (String id : new String[] {"bad\u0001id", "bad\u007fid"}) {
            Response response = RawHttp.get(RestAssured.port, "/api/products/0", Map.of(RequestId.HEADER, id));

            assertEquals(400, response.statusCode());
            assertNotEquals(id, response.header(RequestId.HEADER));
        }
    }

    @Test
    void problemsAnsweredBelowTheRestLayerCarryTheIdToo() throws IOException {
        RawHttp.get(RestAssured.port, "/api/products?q=50%", Map.of(RequestId.HEADER, "malformed-1"))
                .then().spec(problem(400, "malformed-request"))
                .header(RequestId.HEADER, "malformed-1")
                .body("requestId", equalTo("malformed-1"));
    }

    private static void assertReplaced(Response response) {
        assertEquals(404, response.statusCode(), response.asString());
        String id = response.header(RequestId.HEADER);
        assertTrue(id.matches(UUID), "not replaced: " + id);
        assertEquals(id, response.jsonPath().getString("requestId"));
    }
}
