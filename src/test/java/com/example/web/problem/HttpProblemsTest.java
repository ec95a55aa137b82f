package com.example.web.problem;

import com.example.support.RawHttp;
import com.example.support.SendsMalformedRequests;
import com.example.support.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static com.example.support.Problems.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Errors that the HTTP layer produces before any resource method runs are problem details
 * too. Re-run against the packaged jar by {@link HttpProblemsIT}.
 */
@QuarkusTest
@SendsMalformedRequests
class HttpProblemsTest {

    /** A product whose description is {@code size} characters: valid JSON, too large a body. */
    private static String productOfSize(int size) {
        return "{\"sku\":\"" + TestData.unique("big") + "\",\"name\":\"big\",\"price\":1,\"stock\":1,"
                + "\"description\":\"" + "x".repeat(size) + "\"}";
    }

    @Test
    void unknownPathIsNotFound() {
        given().when().get("/no-such-path").then().spec(problem(404, "not-found"))
                .body("instance", equalTo("/no-such-path"));
        given().when().get("/api/no-such-resource").then().spec(problem(404, "not-found"));
    }

    @Test
    void requestUriThatIsNotAValidUriIsMalformed() throws IOException {
        for (String target : List.of("/api/products?q=50%", "/api/products/%zz", "/api/products/{id}", "/%", "/q/health/%zz")) {
            RawHttp.get(target).then().spec(problem(400, "malformed-request"))
                    .body("detail", containsString("percent-encode"));
        }
        // The same search, encoded, is an ordinary request.
        given().when().get("/api/products?q=50%25").then().statusCode(200);
    }

    @Test
    void unsupportedMethodIsNotAllowedAndTheAllowedOnesAreListed() {
        given().when().patch("/api/products").then().spec(problem(405, "method-not-allowed"))
                .header("Allow", equalTo("GET, HEAD, OPTIONS, POST"));
        given().when().post("/api/products/1").then().spec(problem(405, "method-not-allowed"))
                .header("Allow", equalTo("DELETE, GET, HEAD, OPTIONS, PUT"));
        given().when().delete("/api/products/1/reservations/2").then().spec(problem(405, "method-not-allowed"))
                .header("Allow", equalTo("GET, HEAD, OPTIONS"));
    }

    @Test
    void unsupportedResponseTypeIsNotAcceptable() {
        given().accept(ContentType.XML).when().get("/api/products").then().spec(problem(406, "not-acceptable"));
    }

    @Test
    void bodyOverTheLimitIsTooLarge() {
        given().contentType(ContentType.JSON).body(productOfSize(70_000))
                .when().post("/api/products")
                .then().spec(problem(413, "payload-too-large"));
    }

    @Test
    void bodyOverEvenTheTransportLimitIsTooLargeWithAProblemToo() {
        given().contentType(ContentType.JSON).body(productOfSize(2_000_000))
                .when().post("/api/products")
                .then().spec(problem(413, "payload-too-large"));
    }

    @Test
    void streamedBodyOverTheLimitIsTooLargeToo() {
        // An InputStream body is sent in chunks, without a Content-Length to refuse up front.
        byte[] body = productOfSize(70_000).getBytes(StandardCharsets.UTF_8);
        given().contentType(ContentType.JSON).body(new ByteArrayInputStream(body))
                .when().post("/api/products")
                .then().spec(problem(413, "payload-too-large"));
    }

    @Test
    void bodyJustUnderTheLimitIsReadAndValidated() {
        // Only the description is wrong (over 2000 characters): the body itself was accepted.
        given().contentType(ContentType.JSON).body(productOfSize(60_000))
                .when().post("/api/products")
                .then().spec(problem(400, "validation"))
                .body("errors[0].field", equalTo("description"));
    }

    @Test
    void jsonThatIsNotAnObjectIsMalformed() {
        given().contentType(ContentType.JSON).body("[1, 2]")
                .when().post("/api/products")
                .then().spec(problem(400, "malformed-request"));
        given().contentType(ContentType.JSON).body(Map.of("quantity", 1) + " trailing")
                .when().post("/api/products")
                .then().spec(problem(400, "malformed-request"));
    }
}
