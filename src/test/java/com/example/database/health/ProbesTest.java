package com.example.database.health;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.matchesRegex;
import static org.hamcrest.Matchers.not;

/** With the database up, all three probes are UP and say why. Re-run against the packaged jar by {@link ProbesIT}. */
@QuarkusTest
class ProbesTest {

    private static final String SCHEMA = "checks.find { it.name == 'database schema' }";
    private static final String PRIVILEGES = "checks.find { it.name == 'database privileges' }";

    @Test
    void startedReportsTheSchemaAtTheVersionThisBuildShips() {
        String expected = given().when().get("/q/health/started")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(SCHEMA + ".data.pendingMigrations", equalTo(0))
                .body(SCHEMA + ".data.failedMigrations", equalTo(0))
                .body(SCHEMA + ".data.expectedVersion", not(equalTo("none")))
                .extract().path(SCHEMA + ".data.expectedVersion");

        given().when().get("/q/health/started").then().body(SCHEMA + ".data.currentVersion", equalTo(expected));
    }

    @Test
    void startedReportsTheApplicationRolesPrivilegesOnTheEntitiesTables() {
        given().when().get("/q/health/started")
                .then().statusCode(200)
                .body(PRIVILEGES + ".status", equalTo("UP"))
                .body(PRIVILEGES + ".data.tables", equalTo("product, reservation"));
    }

    @Test
    void readyReportsARoundTripWithItsLatencyAndEndpoint() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'database' }.data.'rw.state'", equalTo("answering"))
                .body("checks.find { it.name == 'database' }.data.'rw.latencyMs'", greaterThanOrEqualTo(0))
                .body("checks.find { it.name == 'database' }.data.'rw.endpoint'", matchesRegex("[^@/]+:\\d+/\\w+"))
                .body("checks.find { it.name == 'database' }.data.'rw.connection'", equalTo("direct"))
                // Quarkus's own check: DOWN from SIGTERM on (quarkus.shutdown.delay-enabled).
                .body("checks.find { it.name == 'Graceful Shutdown' }.status", equalTo("UP"));
    }

    @Test
    void liveReportsTheLastContactAndNoFailures() {
        given().when().get("/q/health/ready").then().statusCode(200);

        given().when().get("/q/health/live")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'database connections' }.data.'rw.consecutiveFailures'", equalTo(0))
                .body("checks.find { it.name == 'database connections' }.data.'rw.lastContact'", matchesRegex("\\d{4}-\\d\\d-\\d\\dT.*Z"));
    }
}
