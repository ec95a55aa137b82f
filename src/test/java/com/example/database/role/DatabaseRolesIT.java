package com.example.database.role;

import com.example.database.migrate.SessionMigrationLock;
import com.example.support.NeonLikePostgres;
import com.example.support.PackagedApp;
import com.example.web.problem.ProblemTypes;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static com.example.support.Problems.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two database roles, as Neon recommends for production (README "Database roles"): migrate runs
 * as the schema's owner over the direct URL, the service as a role created without any grant.
 * Migrations grant it exactly row access, now and for tables added later; it can change no
 * schema; a privilege taken away keeps a new instance out of traffic and is named.
 */
class DatabaseRolesIT {

    private static final String APP_ROLE = "inventory_app";
    private static final String APP_PASSWORD = "app-p@ss word";
    private static final Duration START = Duration.ofSeconds(60);

    private static NeonLikePostgres postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = NeonLikePostgres.start();
        postgres.createRole(APP_ROLE, APP_PASSWORD);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    private static Map<String, String> twoRoles(String database) {
        return Map.of(
                "DATABASE_URL", postgres.neonUrl(APP_ROLE, APP_PASSWORD, database),
                "DATABASE_URL_UNPOOLED", postgres.neonUrl(database));
    }

    private static void migrate(Map<String, String> env) {
        PackagedApp.Result migrated = PackagedApp.run(env, START, "migrate");
        assertEquals(0, migrated.exitCode(), migrated.output());
    }

    @Test
    void theServiceRunsAsARoleThatMayOnlyReadAndWriteRows() throws SQLException {
        String database = postgres.createDatabase("two_roles");
        Map<String, String> env = twoRoles(database);
        migrate(env);

        try (PackagedApp app = PackagedApp.start(env).awaitListening(START)) {
            app.awaitStatus("/q/health/started", 200, Duration.ofSeconds(30));
            wholeApiWorks(app);
            // The warning would come with the start-up connection, before this line.
            app.await("the start-up connection", Duration.ofSeconds(10), () -> app.output().contains("Database rw answered in"));
            assertFalse(app.output().contains("can change the schema"), app.output());
        }

        try (Connection asApp = postgres.connect(APP_ROLE, APP_PASSWORD, database)) {
            for (String ddl : List.of(
                    "create table intruder (id bigint)",
                    "alter table product add column intruder text",
                    "drop table reservation")) {
                SQLException denied = assertThrows(SQLException.class, () -> execute(asApp, ddl), ddl);
                assertEquals("42501", denied.getSQLState(), ddl + ": " + denied.getMessage());
            }
        }

        // A later migration, run by the owner, adds a table: the role may use it without a grant.
        FluentConfiguration later = Flyway.configure()
                .dataSource("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + database + "?sslmode=require",
                        NeonLikePostgres.USER, NeonLikePostgres.PASSWORD)
                .locations("classpath:db/migration", "classpath:db/later-migration")
                .placeholders(Map.of("application_role", APP_ROLE));
        new SessionMigrationLock().customize(later);
        assertEquals(1, later.load().migrate().migrationsExecuted);
        try (Connection asApp = postgres.connect(APP_ROLE, APP_PASSWORD, database)) {
            execute(asApp, "insert into added_later (note) values ('written by the application role')");
            execute(asApp, "update added_later set note = 'changed'");
            execute(asApp, "select count(*) from added_later");
            execute(asApp, "delete from added_later");
        }
    }

    @Test
    void aMissingPrivilegeKeepsANewInstanceOutOfTrafficAndIsNamed() {
        String database = postgres.createDatabase("revoked");
        Map<String, String> env = twoRoles(database);
        migrate(env);

        try (PackagedApp running = PackagedApp.start(env).awaitListening(START)) {
            running.awaitStatus("/q/health/started", 200, Duration.ofSeconds(30));
            long id = createProduct(running);
            postgres.execute(database, "revoke update on product from " + APP_ROLE);

            // An instance already serving meets it on a request: a 500 problem, and one ERROR line saying what to do.
            int errorsBefore = errorLines(running.output()).size();
            String refused = running.http().contentType(ContentType.JSON).body(product("changed"))
                    .when().put("/api/products/{id}", id)
                    .then().spec(problem(500, ProblemTypes.INTERNAL_ERROR)).extract().asString();
            assertFalse(refused.contains("permission denied"), refused);
            List<String> errors = errorLines(running.output()).subList(errorsBefore, errorLines(running.output()).size());
            assertEquals(1, errors.size(), running.output());
            assertTrue(errors.get(0).contains("permission denied for table product")
                    && errors.get(0).contains("Database roles"), errors.get(0));
            assertFalse(PackagedApp.hasStackTrace(errors.get(0)), errors.get(0));

            // A new instance never becomes started, and says which privilege on which table.
            try (PackagedApp fresh = PackagedApp.start(env).awaitListening(START)) {
                fresh.await("started DOWN naming the privilege", Duration.ofSeconds(30), () -> fresh.http()
                        .get("/q/health/started").then().extract().path(
                                "checks.find { it.name == 'database privileges' }.data.missing") != null);
                fresh.http().get("/q/health/started").then().statusCode(503)
                        .body("checks.find { it.name == 'database privileges' }.status", equalTo("DOWN"))
                        .body("checks.find { it.name == 'database privileges' }.data.missing", equalTo("UPDATE on product"));

                // A schema it may not use hides every table: named as such, not as four missing privileges each.
                postgres.execute(database, "grant update on product to " + APP_ROLE,
                        "revoke usage on schema public from public, " + APP_ROLE);
                String noSchema = "USAGE on the schema of product, USAGE on the schema of reservation";
                fresh.await("started naming the schema", Duration.ofSeconds(30), () -> noSchema.equals(fresh.http()
                        .get("/q/health/started").then()
                        .extract().path("checks.find { it.name == 'database privileges' }.data.missing")));

                postgres.execute(database, "grant usage on schema public to public, " + APP_ROLE);
                fresh.awaitStatus("/q/health/started", 200, Duration.ofSeconds(30));
            }
        }
    }

    @Test
    void oneRoleForBothIsAllowedButWarnedAboutOnce() {
        String database = postgres.createDatabase("one_role");
        Map<String, String> env = Map.of("DATABASE_URL", postgres.neonUrl(database));
        migrate(env);

        try (PackagedApp app = PackagedApp.start(env).awaitListening(START)) {
            app.awaitStatus("/q/health/started", 200, Duration.ofSeconds(30));
            createProduct(app);
            app.await("the warning", Duration.ofSeconds(10), () -> app.output().contains("can change the schema"));
            List<String> warnings = app.output().lines().filter(line -> line.contains("can change the schema")).toList();
            assertEquals(1, warnings.size(), app.output());
            assertTrue(warnings.get(0).contains("\"level\":\"WARN\"") && warnings.get(0).contains("owns schema public"),
                    warnings.get(0));
        }
    }

    private static void wholeApiWorks(PackagedApp app) {
        long id = createProduct(app);
        String etag = app.http().get("/api/products/{id}", id).then().statusCode(200).extract().header("ETag");
        app.http().queryParam("q", "role").get("/api/products").then().statusCode(200);
        app.http().contentType(ContentType.JSON).header("If-Match", etag).body(product("Renamed by the role"))
                .when().put("/api/products/{id}", id).then().statusCode(200).body("stock", equalTo(10));
        Response reserved = app.http().contentType(ContentType.JSON).header("Idempotency-Key", "roles-1")
                .body(Map.of("quantity", 3)).when().post("/api/products/{id}/reservations", id);
        reserved.then().statusCode(201);
        app.http().contentType(ContentType.JSON).header("Idempotency-Key", "roles-1")
                .body(Map.of("quantity", 3)).when().post("/api/products/{id}/reservations", id)
                .then().statusCode(201).header("Idempotent-Replayed", "true");
        app.http().get("/api/products/{id}/reservations", id).then().statusCode(200).body("items.size()", equalTo(1));
        app.http().get(reserved.header("Location")).then().statusCode(200);
        app.http().get("/api/products/{id}", id).then().statusCode(200).body("stock", equalTo(7));
        long spare = createProduct(app);
        app.http().delete("/api/products/{id}", spare).then().statusCode(204);
    }

    private static long createProduct(PackagedApp app) {
        return app.http().contentType(ContentType.JSON).body(product("Made by the role"))
                .when().post("/api/products").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static Map<String, Object> product(String name) {
        return Map.of("sku", "ROLE-" + System.nanoTime(), "name", name, "price", 3, "stock", 10);
    }

    private static List<String> errorLines(String output) {
        return output.lines().filter(line -> line.contains("\"level\":\"ERROR\"")).toList();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
