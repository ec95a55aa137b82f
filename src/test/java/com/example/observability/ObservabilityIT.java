package com.example.observability;

import com.example.support.PackagedApp;
import com.example.support.PrometheusText;
import com.example.support.RawHttp;
import com.example.support.RestartablePostgres;
import com.example.web.RequestId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged service, as production runs it with a read replica, seen the way an operator
 * sees it: the metrics the README documents and the dashboard queries, the JSON log, and both
 * through an outage of its database.
 */
class ObservabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Quarkus's OTLP exporter's default endpoint, localhost:4317. */
    private static final int DEFAULT_OTLP_PORT = 4317;
    /** How the start-up warnings about a deployment that writes without tokens, as a superuser, begin. */
    private static final List<String> DEPLOYMENT_WARNINGS = List.of(
            "Bearer tokens are off:", "The application's database role can change the schema");
    private static final String MADE_UP_PATH = "/no/such/path/12345";
    private static final String RETRY_ANY = "policy=\"any-transient-failure\"";
    private static final String PRIMARY = "datasource=\"default\"";
    private static final String REPLICA = "datasource=\"replica\"";

    @Test
    void metricsAndJsonLogsFollowTrafficAndAnOutage() throws IOException {
        try (RestartablePostgres postgres = RestartablePostgres.start();
             PackagedApp app = PackagedApp.start(Map.of(
                     "DATABASE_URL", postgres.url(),
                     "DATABASE_URL_RO", postgres.url(),
                     "DB_MIGRATE_AT_START", "true",
                     // Spans made though no collector is named: their trace ids in problems and logs.
                     "QUARKUS_OTEL_SDK_DISABLED", "false")).awaitListening(Duration.ofSeconds(60))) {
            app.awaitStatus("/q/health/ready", 200, Duration.ofSeconds(30));
            long id = someTraffic(app);

            PrometheusText before = scrape(app);
            for (String ds : List.of(PRIMARY, REPLICA)) {
                for (String gauge : List.of("agroal_active_count", "agroal_available_count", "agroal_awaiting_count",
                        "agroal_max_used_count", "agroal_blocking_time_max_milliseconds")) {
                    assertTrue(before.has(gauge, ds), gauge + "{" + ds + "} missing");
                }
            }
            assertTrue(before.has("agroal_creation_count_total", REPLICA), "lists were not read from the replica");
            assertTrue(before.sum("agroal_creation_count_total", REPLICA) > 0, "lists were not read from the replica");
            assertTrue(before.has("http_server_requests_seconds_count", "uri=\"/api/products/{id}\"", "status=\"200\""));
            assertTrue(before.has("http_server_requests_seconds_count", "uri=\"NOT_FOUND\"", "status=\"404\""));
            assertTrue(before.series().stream().noneMatch(series -> series.contains("/api/products/" + id)
                            || series.contains(MADE_UP_PATH)), "a raw path became a series: " + before.series());
            assertEquals(0, before.sum("database_outages_begun_total", PRIMARY));

            postgres.stopServer();

            Response failed = app.http().header(RequestId.HEADER, "outage-request-1").get("/api/products/{id}", id);
            assertEquals(503, failed.statusCode(), failed.asString());
            assertEquals("outage-request-1", failed.header(RequestId.HEADER));
            assertEquals("outage-request-1", failed.jsonPath().getString("requestId"));
            String traceId = failed.jsonPath().getString("traceId");
            assertNotNull(traceId, failed.asString());

            PrometheusText during = scrape(app);
            assertTrue(during.sum("database_retries_total", RETRY_ANY) > before.sum("database_retries_total", RETRY_ANY),
                    "no retry counted");
            assertEquals(before.sum("database_requests_refused_total", "reason=\"unreachable\"") + 1,
                    during.sum("database_requests_refused_total", "reason=\"unreachable\""));
            assertEquals(1, during.sum("database_outages_begun_total", PRIMARY));
            assertEquals(0, during.sum("database_outages_ended_total", PRIMARY));
            // Reconnecting to a stopped server is refused: SQLSTATE 08001, class 08.
            assertTrue(during.sum("database_transient_failures_total", PRIMARY, "sqlstate_class=\"08\"") > 0,
                    "no connection failure counted: " + during.series());

            JsonNode outageLine = logLines(app).stream()
                    .filter(line -> "outage-request-1".equals(line.path("mdc").path("requestId").asText(null)))
                    .findFirst().orElseThrow(() -> new AssertionError("no log line of the failed request:\n" + app.output()));
            assertEquals("WARN", outageLine.get("level").asText());
            assertTrue(outageLine.get("message").asText().contains(" unreachable ("), outageLine.toString());
            assertEquals(traceId, outageLine.path("mdc").path("traceId").asText(), outageLine.toString());

            // A list fails on the replica, which opens its breaker; the next one goes to the primary.
            app.http().get("/api/products").then().statusCode(503);
            app.http().get("/api/products").then().statusCode(503);
            PrometheusText replicaAway = scrape(app);
            assertEquals(1, replicaAway.sum("database_outages_begun_total", REPLICA));
            assertEquals(1, replicaAway.sum("database_replica_breaker_opened_total"));
            assertEquals(1, replicaAway.sum("database_replica_fallbacks_total"));

            postgres.startServer();
            app.awaitStatus("/q/health/ready", 200, Duration.ofSeconds(30));
            app.http().get("/api/products/{id}", id).then().statusCode(200);
            // The replica is tried again once its breaker lets a read through.
            app.await("the replica serving lists again", Duration.ofSeconds(30), () -> {
                app.http().get("/api/products").then().statusCode(200);
                return scrape(app).sum("database_outages_ended_total", REPLICA) == 1;
            });

            PrometheusText after = scrape(app);
            assertEquals(1, after.sum("database_outages_ended_total", PRIMARY));
            Set<String> served = after.names();
            assertEquals(Set.of(), missing(documentedMetrics(), served), "documented in the README, not served");
            assertEquals(Set.of(), missing(dashboardMetrics(), served), "queried by the dashboard, not served");
        }
    }

    @Test
    void everyLineIsJsonAndUnusableRequestIdsAreReplaced() throws IOException {
        try (RestartablePostgres postgres = RestartablePostgres.start();
             PackagedApp app = PackagedApp.start(Map.of(
                     "DATABASE_URL", postgres.url(),
                     "DB_MIGRATE_AT_START", "true")).awaitListening(Duration.ofSeconds(60))) {
            app.awaitStatus("/q/health/started", 200, Duration.ofSeconds(30));
            String tooLong = "x".repeat(129);

            Response overLong = app.http().header(RequestId.HEADER, tooLong).get("/api/products/0");
            Response withTab = RawHttp.get(app.port(), "/api/products/0", Map.of(RequestId.HEADER, "tab\there"));

            for (Response response : List.of(overLong, withTab)) {
                assertEquals(404, response.statusCode(), response.asString());
                String id = response.header(RequestId.HEADER);
                assertTrue(UUID.matcher(id).matches(), "not replaced: " + id);
                assertEquals(id, response.jsonPath().getString("requestId"));
            }
            List<JsonNode> lines = logLines(app);
            assertFalse(lines.isEmpty());
            for (JsonNode line : lines) {
                for (String field : List.of("timestamp", "level", "loggerName", "message")) {
                    assertTrue(line.hasNonNull(field), field + " missing: " + line);
                }
            }
        }
    }

    /**
     * With no collector named, no span is made, none leaves the process, and nothing says it could
     * not. Quarkus's exporter would send them to localhost:4317 and log each failure: this test
     * listens there, with spans batched every 50 ms, and nothing may connect. Problems and log
     * lines carry the request id, and no trace id.
     */
    @Test
    void withNoCollectorNamedNothingIsExportedAndNothingComplains() throws IOException {
        try (RestartablePostgres postgres = RestartablePostgres.start();
             ServerSocket defaultCollector = listenOn(DEFAULT_OTLP_PORT);
             PackagedApp app = PackagedApp.start(Map.of(
                     "DATABASE_URL", postgres.url(),
                     "DB_MIGRATE_AT_START", "true",
                     "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "50ms")).awaitListening(Duration.ofSeconds(60))) {
            AtomicInteger connections = countConnections(defaultCollector);
            app.awaitStatus("/q/health/started", 200, Duration.ofSeconds(30));

            long id = someTraffic(app);
            Response notFound = app.http().header(RequestId.HEADER, "untraced-request-1").get("/api/products/{id}", id + 1000);
            assertEquals(404, notFound.statusCode(), notFound.asString());
            assertEquals("untraced-request-1", notFound.jsonPath().getString("requestId"));
            assertNull(notFound.jsonPath().getString("traceId"), "a trace id without tracing: " + notFound.asString());
            assertTrue(logLines(app).stream().noneMatch(line -> line.path("mdc").has("traceId")),
                    "a log line with a trace id without tracing:\n" + app.output());

            await("no connection to Quarkus's default OTLP endpoint").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> connections.get() == 0);
            // Only the two warnings about how this test deploys it, which production must heed and
            // other tests cover (BearerTokensConfigIT, DatabaseRolesIT): no token checks, a superuser.
            List<String> notInfo = logLines(app).stream()
                    .filter(line -> !line.get("level").asText().equals("INFO"))
                    .map(line -> line.get("level").asText() + " " + line.get("message").asText())
                    .toList();
            assertEquals(List.of(), notInfo.stream()
                            .filter(line -> DEPLOYMENT_WARNINGS.stream().noneMatch(warning -> line.startsWith("WARN " + warning)))
                            .toList(),
                    "warnings or errors with nothing wrong");
            for (String warning : DEPLOYMENT_WARNINGS) {
                assertEquals(1, notInfo.stream().filter(line -> line.startsWith("WARN " + warning)).count(), notInfo.toString());
            }
        }
    }

    @Test
    void spansGoToTheCollectorTheOpenTelemetryVariablesName() throws IOException {
        List<String> exports = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            exports.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " " + new String(body, StandardCharsets.ISO_8859_1));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try (RestartablePostgres postgres = RestartablePostgres.start();
             PackagedApp app = PackagedApp.start(Map.of(
                     "DATABASE_URL", postgres.url(),
                     "DB_MIGRATE_AT_START", "true",
                     "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort(),
                     "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                     "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "50ms")).awaitListening(Duration.ofSeconds(60))) {
            app.awaitStatus("/q/health/started", 200, Duration.ofSeconds(30));

            app.http().get("/api/products").then().statusCode(200);

            app.await("a span of GET /api/products exported", Duration.ofSeconds(10),
                    () -> exports.stream().anyMatch(export -> export.contains("GET /api/products")));
            String export = exports.stream().filter(e -> e.contains("GET /api/products")).findFirst().orElseThrow();
            assertTrue(export.startsWith("POST /v1/traces application/x-protobuf "), export.substring(0, 60));
            assertTrue(export.contains("inventory-service"), "the service's name is not in the export");
        } finally {
            collector.stop(0);
        }
    }

    private static ServerSocket listenOn(int port) throws IOException {
        try {
            return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        } catch (BindException taken) {
            throw new IllegalStateException("port " + port + " is taken: this test listens there for what Quarkus's"
                    + " OTLP exporter would send by default", taken);
        }
    }

    /** Accepts and counts connections on {@code socket} until it closes. */
    private static AtomicInteger countConnections(ServerSocket socket) {
        AtomicInteger count = new AtomicInteger();
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket ignored = socket.accept()) {
                    count.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return count;
    }

    /** A product created, read, listed, searched and reserved; two 404s. Returns the product's id. */
    private static long someTraffic(PackagedApp app) {
        long id = app.http().contentType(ContentType.JSON)
                .body(Map.of("sku", "OBS-1", "name", "Observed", "price", 2, "stock", 10))
                .post("/api/products").then().statusCode(201).extract().jsonPath().getLong("id");
        app.http().get("/api/products/{id}", id).then().statusCode(200);
        app.http().get("/api/products").then().statusCode(200);
        app.http().get("/api/products?q=Obs").then().statusCode(200);
        app.http().contentType(ContentType.JSON).header("Idempotency-Key", "obs-1").body(Map.of("quantity", 1))
                .post("/api/products/{id}/reservations", id).then().statusCode(201);
        app.http().get("/api/products/{id}", id + 1000).then().statusCode(404);
        app.http().get(MADE_UP_PATH).then().statusCode(404);
        return id;
    }

    private static PrometheusText scrape(PackagedApp app) {
        return PrometheusText.parse(app.http().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** Every line the service wrote, each of which must be one JSON object. */
    private static List<JsonNode> logLines(PackagedApp app) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : app.output().lines().filter(line -> !line.isBlank()).toList()) {
            JsonNode node = JSON.readTree(line);
            assertTrue(node.isObject(), "not a JSON object: " + line);
            lines.add(node);
        }
        return lines;
    }

    /** The metrics README's "Metrics" table lists, one per row. */
    static Set<String> documentedMetrics() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("### Metrics"), readme.indexOf("### Logs"));
        Set<String> names = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `([a-z_]+)` \\|").matcher(section);
        while (row.find()) {
            names.add(row.group(1));
        }
        assertTrue(names.size() > 20, "the README's metrics table was not found: " + names);
        return names;
    }

    /** The metric names the dashboard's queries use: what is left of each query without its functions, labels, ranges and keywords. */
    static Set<String> dashboardMetrics() throws IOException {
        JsonNode dashboard = JSON.readTree(Path.of("docs", "grafana", "inventory-service.json").toFile());
        List<String> queries = new ArrayList<>();
        dashboard.findValues("expr").forEach(expr -> queries.add(expr.asText()));
        dashboard.findValues("definition").forEach(definition -> queries.add(definition.asText()));
        Set<String> keywords = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool",
                "and", "or", "unless", "offset");
        Set<String> names = new TreeSet<>();
        for (String query : queries) {
            String bare = query.replaceAll("\\{[^}]*}", " ")                      // label matchers
                    .replaceAll("\\[[^]]*]", " ")                                   // ranges
                    .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ")  // grouping labels
                    .replaceAll(",\\s*[a-z_]+\\s*\\)", ")")                         // label_values(metric, label)
                    .replaceAll("[a-z_]+\\s*\\(", "(");                             // functions
            Matcher identifier = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(bare);
            while (identifier.find()) {
                if (!keywords.contains(identifier.group())) {
                    names.add(identifier.group());
                }
            }
        }
        assertTrue(names.size() > 10, "the dashboard's queries were not found: " + names);
        return names;
    }

    private static Set<String> missing(Set<String> wanted, Set<String> served) {
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeAll(served);
        return missing;
    }
}
