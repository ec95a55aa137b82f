package com.example.database.health;

import com.example.database.migrate.SessionMigrationLock;
import com.example.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * A database whose schema lags the build (a deploy that skipped {@code migrate}): the service
 * must not report started, and must say which versions differ.
 */
@QuarkusTest
@TestProfile(SchemaBehindTest.DatabaseLacksTheNewestMigration.class)
class SchemaBehindTest {

    /**
     * This "build" ships one migration more (db/next-version) than its database has: the schema
     * is migrated with the real migrations only, before the application starts, which does not
     * migrate.
     */
    public static class DatabaseLacksTheNewestMigration implements QuarkusTestProfile {
        static final String SCHEMA = "schema_behind";

        @Override
        public Map<String, String> getConfigOverrides() {
            TestDatabase database = TestDatabase.resolve();
            FluentConfiguration migrations = Flyway.configure()
                    .dataSource(database.jdbcUrl(), database.username().orElse(null), database.password().orElse(null))
                    .schemas(SCHEMA)
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("application_role", database.username().orElseThrow()));
            new SessionMigrationLock().customize(migrations); // as the service migrates
            migrations.load().migrate();
            return Map.of(
                    "quarkus.flyway.migrate-at-start", "false",
                    "quarkus.flyway.schemas", SCHEMA,
                    "quarkus.flyway.locations", "db/migration,db/next-version",
                    "quarkus.hibernate-orm.database.default-schema", SCHEMA);
        }
    }

    @Test
    void startedIsDownAndNamesTheCurrentAndTheExpectedVersion() {
        given().when().get("/q/health/started")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'database schema' }.data.expectedVersion", equalTo("9999"))
                .body("checks.find { it.name == 'database schema' }.data.currentVersion", not(equalTo("9999")))
                .body("checks.find { it.name == 'database schema' }.data.pendingMigrations", equalTo(1));
    }

    @Test
    void readinessAndLivenessDoNotDependOnTheSchemaVersion() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
