package com.example.database;

import com.example.support.ApiContract;
import com.example.support.NeonLikePostgres;
import com.example.support.PackagedApp;
import com.example.support.PackagedApp.Result;
import com.example.support.SilentServer;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged service, configured only by environment variables, against a server that
 * behaves like a Neon endpoint: libpq URIs, TLS only, SCRAM with channel binding.
 */
class NeonConnectionIT {

    private static final Duration START = Duration.ofSeconds(60);

    private static NeonLikePostgres postgres;

    @BeforeAll
    static void startDatabase() {
        postgres = NeonLikePostgres.start();
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        postgres.close();
    }

    @Test
    void migrateCreatesTheSchemaAndASecondRunChangesNothing() throws SQLException {
        String database = postgres.createDatabase("migrate_twice");
        Map<String, String> env = Map.of("DATABASE_URL", postgres.neonUrl(database));

        Result first = PackagedApp.run(env, START, "migrate");
        Result second = PackagedApp.run(env, START, "migrate");

        assertEquals(0, first.exitCode(), first.output());
        assertTrue(first.output().contains("Migrations applied: 5; schema version: 5"), first.output());
        assertEquals(0, second.exitCode(), second.output());
        assertTrue(second.output().contains("Migrations applied: 0; schema version: 5"), second.output());
        assertFalse(first.output().contains("Listening on: http"), "migrate opened the HTTP port:\n" + first.output());
        assertEquals(2, count(database, "select count(*) from information_schema.tables "
                + "where table_schema = 'public' and table_name in ('product', 'reservation')"));
        assertNoPassword(first.output(), second.output());
    }

    @Test
    void serviceServesOverTlsWithScramAndChannelBindingFromANeonStyleUrl() throws SQLException {
        String database = postgres.createDatabase("serve_tls");
        Map<String, String> env = Map.of("DATABASE_URL", postgres.neonUrl(database), "DB_MIGRATE_AT_START", "true");

        try (PackagedApp app = PackagedApp.start(env).awaitListening(START)) {
            app.http().get("/api/products").then().statusCode(200).body("totalItems", equalTo(0));
            int id = app.http().contentType(ContentType.JSON)
                    .body(Map.of("sku", "TLS-1", "name", "Encrypted", "price", 3, "stock", 4))
                    .post("/api/products").then().statusCode(201).extract().path("id");
            app.http().contentType(ContentType.JSON).header("Idempotency-Key", "tls-1").body(Map.of("quantity", 3))
                    .post("/api/products/{id}/reservations", id).then().statusCode(201);
            app.http().get("/api/products/{id}", id).then().statusCode(200).body("stock", equalTo(1));

            assertEquals(0, count(database, "select count(*) from pg_stat_activity a join pg_stat_ssl s using (pid)"
                    + " where a.usename = '" + NeonLikePostgres.USER + "' and not s.ssl"), "unencrypted connections");
            assertTrue(count(database, "select count(*) from pg_stat_activity where usename = '"
                    + NeonLikePostgres.USER + "' and application_name = 'inventory-service'") > 0, "no pooled connection");
            assertTrue(app.output().contains("Database rw 127.0.0.1:" + postgres.port() + "/" + database
                    + " (direct, sslmode=require)"), app.output());

            String health = app.http().get("/q/health").asString();
            String notFound = app.http().get("/api/products/{id}", Long.MAX_VALUE).asString();
            String invalid = ApiContract.malformed(app.http()).contentType(ContentType.JSON).body("{}")
                    .post("/api/products").asString();
            assertNoPassword(app.output(), health, notFound, invalid);
        }
    }

    @Test
    void migrateGivesUpOnADirectHostThatNeverAnswers() throws IOException {
        String database = postgres.createDatabase("migrate_silent_direct");
        try (SilentServer silent = SilentServer.start()) {
            // Without TLS: pgjdbc bounds the TLS request itself (sslResponseTimeout), not what comes after
            // it, the login, which is where this host goes silent.
            String direct = "postgresql://" + NeonLikePostgres.USER + ":" + NeonLikePostgres.encodedPassword()
                    + "@127.0.0.1:" + silent.port() + "/neondb?sslmode=disable";
            Map<String, String> env = Map.of("DATABASE_URL", postgres.neonUrl(database), "DATABASE_URL_UNPOOLED", direct,
                    // The pool's login timeout (application.properties), shortened for the test.
                    "QUARKUS_DATASOURCE_JDBC_ADDITIONAL_JDBC_PROPERTIES_LOGINTIMEOUT", "2");

            // Without a login timeout on the direct connection, this run would wait for ever.
            Result result = PackagedApp.run(env, START, "migrate");

            assertEquals(1, result.exitCode(), result.output());
            assertTrue(result.output().contains("Migration failed") && result.output().contains("timed out"), result.output());
            assertNoPassword(result.output());
        }
    }

    @Test
    void migrateConnectsOverTheDirectUrlOnly() throws IOException {
        String database = postgres.createDatabase("migrate_direct_only");
        // The pooled URL's user, whom migrations grant row access to, exists: on Neon both URLs reach one database.
        postgres.createRole("app", "secret");
        try (SilentServer pooled = SilentServer.start()) {
            Map<String, String> env = Map.of(
                    "DATABASE_URL", "postgresql://app:secret@127.0.0.1:" + pooled.port() + "/" + database,
                    "DATABASE_URL_UNPOOLED", postgres.neonUrl(database));

            Result result = PackagedApp.run(env, START, "migrate");

            assertEquals(0, result.exitCode(), result.output());
            assertTrue(result.output().contains("Migrations applied: 5; schema version: 5"), result.output());
            assertEquals(0, pooled.connectionsAccepted(), "migrate connected to the pooled URL:\n" + result.output());
        }
    }

    @Test
    void wrongPasswordEndsTheProcessWithOneClearLine() {
        String wrong = "wrong-" + NeonLikePostgres.encodedPassword();
        String url = "postgresql://" + NeonLikePostgres.USER + ":" + wrong + "@127.0.0.1:" + postgres.port()
                + "/postgres?sslmode=require";

        Result result = PackagedApp.run(Map.of("DATABASE_URL", url), START);

        assertEndsWithOneLine(result, "password authentication failed");
        assertFalse(result.output().contains(wrong), result.output());
    }

    @Test
    void unknownDatabaseEndsTheProcessWithOneClearLine() {
        Result result = PackagedApp.run(Map.of("DATABASE_URL", postgres.neonUrl("no_such_database")), START);

        assertEndsWithOneLine(result, "the database does not exist");
    }

    @Test
    void unknownHostEndsTheProcessWithOneClearLine() {
        String url = postgres.neonUrl("neondb").replace("127.0.0.1:" + postgres.port(), "no-such-host.invalid");

        Result result = PackagedApp.run(Map.of("DATABASE_URL", url), START);

        assertEndsWithOneLine(result, "unknown host");
    }

    @Test
    void malformedUrlEndsTheProcessWithOneLineNamingTheVariable() {
        String url = postgres.neonUrl("neondb").replace(":" + postgres.port() + "/", ":99999/");

        Result result = PackagedApp.run(Map.of("DATABASE_URL", url), START);

        assertEndsWithOneLine(result, "DATABASE_URL: the URL's port is not a number from 1 to 65535");
        assertEquals(1, result.output().strip().lines().count(), result.output());
    }

    @Test
    void missingUrlEndsTheProcessWithOneLineNamingTheVariable() {
        Result result = PackagedApp.run(Map.of(), START);

        assertEndsWithOneLine(result, "DATABASE_URL is not set");
        assertEquals(1, result.output().strip().lines().count(), result.output());
    }

    @Test
    void databaseUrlInADotEnvFileIsUsed(@TempDir Path directory) throws IOException {
        String database = postgres.createDatabase("dot_env");
        Files.writeString(directory.resolve(".env"), "DATABASE_URL=" + postgres.neonUrl(database) + "\n");

        Result result = PackagedApp.runIn(directory, Map.of(), START, "migrate");

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("Migrations applied: 5; schema version: 5"), result.output());
        assertNoPassword(result.output());
    }

    @Test
    void aUrlSetTheQuarkusWayInAProfileFileMeetsTheSameChecks(@TempDir Path directory) throws IOException {
        Files.createDirectories(directory.resolve("config"));
        Files.writeString(directory.resolve("config/application.properties"), "# this deployment's settings\n");
        Files.writeString(directory.resolve("config/application-prod.properties"),
                "quarkus.datasource.jdbc.url=jdbc:postgresql://db.example.com:5432/app\n");

        Result result = PackagedApp.runIn(directory, Map.of(), START);

        assertEndsWithOneLine(result, "quarkus.datasource.jdbc.url (QUARKUS_DATASOURCE_JDBC_URL): sslmode=prefer"
                + " may connect without encryption");
        assertEquals(1, result.output().strip().lines().count(), result.output());
    }

    /** Non-zero exit, the message as the last line, no stack trace, no password. */
    private static void assertEndsWithOneLine(Result result, String message) {
        assertNotEquals(0, result.exitCode(), result.output());
        String[] lines = result.output().strip().split("\n");
        assertTrue(lines[lines.length - 1].contains(message), result.output());
        assertFalse(PackagedApp.hasStackTrace(result.output()), "stack trace:\n" + result.output());
        assertNoPassword(result.output());
    }

    private static void assertNoPassword(String... texts) {
        for (String text : texts) {
            assertFalse(text.contains(NeonLikePostgres.PASSWORD), "the password leaked:\n" + text);
            assertFalse(text.contains(NeonLikePostgres.encodedPassword()), "the encoded password leaked:\n" + text);
        }
    }

    private static long count(String database, String sql) throws SQLException {
        try (Connection connection = postgres.superuser(database);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
