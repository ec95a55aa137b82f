package com.example.database.health;

import com.example.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/** With a read replica configured, readiness makes a round trip through its pool too, and reports it. */
@QuarkusTest
@TestProfile(ReplicaProbeTest.WithReplica.class)
class ReplicaProbeTest {

    /** The replica's datasource points at the test database: a stand-in replica that answers. */
    public static class WithReplica implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            TestDatabase database = TestDatabase.resolve();
            Map<String, String> replica = new HashMap<>();
            replica.put("quarkus.datasource.replica.jdbc.url", database.jdbcUrl());
            database.username().ifPresent(user -> replica.put("quarkus.datasource.replica.username", user));
            database.password().ifPresent(secret -> replica.put("quarkus.datasource.replica.password", secret));
            return replica;
        }
    }

    @Test
    void readinessReportsThePrimaryAndTheReplica() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'database' }.data.'rw.state'", equalTo("answering"))
                .body("checks.find { it.name == 'database' }.data.'ro.state'", equalTo("answering"))
                .body("checks.find { it.name == 'database' }.data.'ro.latencyMs'", greaterThanOrEqualTo(0));
    }
}
