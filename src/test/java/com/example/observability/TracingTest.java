package com.example.observability;

import com.example.support.TestData;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request is traced: a server span, continued from the caller's {@code traceparent}, and a
 * child span per JDBC statement that names the database system and never holds a bind value.
 */
@QuarkusTest
class TracingTest {

    private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
    private static final AttributeKey<String> DB_STATEMENT = AttributeKey.stringKey("db.statement");

    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void forgetEarlierSpans() {
        spans.reset();
    }

    @Test
    void getByIdIsOneServerSpanWithAJdbcChildSpan() {
        long id = TestData.createProduct(5);
        spans.reset();

        given().when().get("/api/products/{id}", id).then().statusCode(200);

        List<SpanData> trace = traceOf("GET /api/products/{id}");
        List<SpanData> servers = trace.stream().filter(span -> span.getKind() == SpanKind.SERVER).toList();
        assertEquals(1, servers.size(), trace.toString());
        SpanData server = servers.get(0);
        List<SpanData> statements = trace.stream().filter(span -> span.getKind() == SpanKind.CLIENT).toList();
        assertEquals(1, statements.size(), "one statement expected: " + trace);
        SpanData statement = statements.get(0);
        assertEquals("postgresql", statement.getAttributes().get(DB_SYSTEM), statement.toString());
        String sql = statement.getAttributes().get(DB_STATEMENT);
        assertTrue(sql != null && sql.startsWith("select ") && sql.endsWith(" from product p1_0 where p1_0.id=?"),
                "the statement, with a placeholder for the id: " + sql);
        assertTrue(descendsFrom(statement, server, trace), "not under the server span: " + statement);
    }

    @Test
    void noSpanRecordsTheValuesARequestBound() {
        String name = TestData.unique("Traced name");
        Map<String, Object> product = TestData.product(name, "12.34", 7);
        String sku = (String) product.get("sku");
        spans.reset();

        given().contentType(ContentType.JSON).body(product).when().post("/api/products").then().statusCode(201);

        List<SpanData> trace = traceOf("POST /api/products");
        assertTrue(trace.stream().anyMatch(span -> span.getAttributes().get(DB_SYSTEM) != null), trace.toString());
        for (SpanData span : trace) {
            String attributes = span.getAttributes().toString();
            assertFalse(attributes.contains(sku) || attributes.contains(name) || attributes.contains("12.34"),
                    "a bound value in " + span.getName() + ": " + attributes);
        }
    }

    @Test
    void theCallersTraceIsContinued() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String parentSpanId = "b7ad6b7169203331";

        given().header("traceparent", "00-" + traceId + "-" + parentSpanId + "-01")
                .when().get("/api/products/0").then()
                .statusCode(404)
                .body("traceId", equalTo(traceId));

        SpanData server = traceOf("GET /api/products/{id}").stream()
                .filter(span -> span.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertEquals(traceId, server.getTraceId());
        assertEquals(parentSpanId, server.getParentSpanId());
    }

    /** Every span of the trace whose server span is named {@code serverSpanName}, once it has ended. */
    private List<SpanData> traceOf(String serverSpanName) {
        SpanData server = await().atMost(Duration.ofSeconds(10))
                .until(() -> spans.getFinishedSpanItems().stream()
                        .filter(span -> span.getKind() == SpanKind.SERVER && span.getName().equals(serverSpanName))
                        .findFirst().orElse(null), Objects::nonNull);
        return spans.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(server.getTraceId())).toList();
    }

    private static boolean descendsFrom(SpanData span, SpanData ancestor, List<SpanData> trace) {
        String parent = span.getParentSpanId();
        while (parent != null && !parent.equals(ancestor.getSpanId())) {
            String current = parent;
            parent = trace.stream().filter(candidate -> candidate.getSpanId().equals(current))
                    .map(SpanData::getParentSpanId).findFirst().orElse(null);
        }
        return parent != null;
    }
}
