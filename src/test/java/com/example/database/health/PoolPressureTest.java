package com.example.database.health;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * A pool with two connections, both taken. Slow requests holding them do not make the
 * instance unready; connections held and never given back, for longer than the grace while the
 * database answers, make it not live.
 */
@QuarkusTest
@TestProfile(PoolPressureTest.TinyPool.class)
class PoolPressureTest {

    public static class TinyPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.max-size", "2",
                    "database.health.live-grace", "2S");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void readinessStaysUpWhileSlowRequestsHoldEveryConnection() throws Exception {
        // Two slow requests, each in the middle of its work, until the test lets them finish:
        // no timing decides what the probes see.
        CountDownLatch finish = new CountDownLatch(1);
        List<CompletableFuture<Void>> slowRequests = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            slowRequests.add(CompletableFuture.runAsync(() -> {
                try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                    statement.execute("select 1");
                    finish.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        try {
            await("both connections taken").atMost(Duration.ofSeconds(10)).until(() -> dataSource.getMetrics().activeCount() == 2);

            // "busy" is the answer of a probe that did not wait for a connection: one that waited
            // would still be waiting, or would have timed out and reported DOWN.
            given().when().get("/q/health/ready")
                    .then().statusCode(200)
                    .body("checks.find { it.name == 'database' }.data.'rw.state'", equalTo("busy: all 2 pool connections in use"));
            given().when().get("/q/health/live").then().statusCode(200);
        } finally {
            finish.countDown();
        }

        CompletableFuture.allOf(slowRequests.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        given().when().get("/q/health/ready").then().statusCode(200).body("checks.find { it.name == 'database' }.data.'rw.state'", equalTo("answering"));
    }

    @Test
    void livenessGoesDownForAWedgedPoolAndUpWhenItIsFreed() throws Exception {
        Connection first = dataSource.getConnection();
        Connection second = dataSource.getConnection();
        try {
            given().when().get("/q/health/live").then().statusCode(200); // saturated: the watch starts
            // Past the grace, with nothing handed out, it goes DOWN.
            await("liveness DOWN").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .until(() -> given().when().get("/q/health/live").statusCode() == 503);

            given().when().get("/q/health/live")
                    .then().statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'database connections' }.data.'rw.pool'", startsWith("wedged"));
        } finally {
            first.close();
            second.close();
        }

        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
