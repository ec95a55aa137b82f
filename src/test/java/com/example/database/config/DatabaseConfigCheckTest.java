package com.example.database.config;

import com.example.database.work.RetryConfig;
import com.example.database.work.Timeouts;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The database configuration the service ends up with, whatever its source, checked at start. */
class DatabaseConfigCheckTest {

    private static final String SECRET = "npg_S3cr#t";

    /** The production profile with application.properties and these values set the Quarkus way (ordinal of the environment). */
    private static SmallRyeConfig prod(String... properties) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            values.put(properties[i], properties[i + 1]);
        }
        try {
            return new SmallRyeConfigBuilder()
                    .withProfile("prod")
                    .addDefaultInterceptors()
                    .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus's: 5S, 100ms
                    .withMapping(RetryConfig.class)
                    .withMapping(Timeouts.class)
                .withMapping(RetryConfig.class)
                    .withSources(new PropertiesConfigSource(values, "environment", 300))
                    .withSources(new PropertiesConfigSource(DatabaseConfigCheckTest.class.getResource("/application.properties"), 250))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aCompleteEncryptedConfigurationPasses() {
        assertEquals(Optional.empty(), DatabaseConfigCheck.problem(prod(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://db.example.com:5432/app?sslmode=verify-full",
                "quarkus.datasource.replica.jdbc.url", "jdbc:postgresql://replica.example.com:5432/app?ssl=true",
                "quarkus.flyway.jdbc-url", "jdbc:postgresql://direct.example.com:5432/app?sslmode=require")));
    }

    @Test
    void noDatabaseAtAllNamesTheVariableToSet() {
        Optional<String> problem = DatabaseConfigCheck.problem(prod());

        assertTrue(problem.orElseThrow().startsWith("DATABASE_URL is not set"), problem::orElseThrow);
    }

    @Test
    void theEncryptionFloorAppliesToUrlsSetTheQuarkusWay() {
        assertEquals(Optional.of("quarkus.datasource.jdbc.url (QUARKUS_DATASOURCE_JDBC_URL): sslmode=prefer may connect"
                + " without encryption; use sslmode=require or verify-full, or set DB_ALLOW_INSECURE=true on a trusted network"),
                DatabaseConfigCheck.problem(prod("quarkus.datasource.jdbc.url", "jdbc:postgresql://db.example.com/app")));
        assertTrue(DatabaseConfigCheck.problem(prod(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://db.example.com/app?sslmode=require",
                "quarkus.flyway.jdbc-url", "jdbc:postgresql://direct.example.com/app?sslmode=allow"))
                .orElseThrow().startsWith("quarkus.flyway.jdbc-url (QUARKUS_FLYWAY_JDBC_URL): sslmode=allow"));
        assertTrue(DatabaseConfigCheck.problem(prod(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://db.example.com/app?sslmode=require",
                "quarkus.datasource.replica.jdbc.url", "jdbc:postgresql://127.0.0.1.example.com/app"))
                .orElseThrow().startsWith("quarkus.datasource.replica.jdbc.url (QUARKUS_DATASOURCE_REPLICA_JDBC_URL)"));
    }

    @Test
    void theSameEscapeAllowsThemOnATrustedNetwork() {
        assertEquals(Optional.empty(), DatabaseConfigCheck.problem(prod(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://db.internal/app?sslmode=disable",
                "DB_ALLOW_INSECURE", "true")));
    }

    @Test
    void loopbackNeedsNoEncryption() {
        assertEquals(Optional.empty(), DatabaseConfigCheck.problem(prod(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:5432/app",
                "quarkus.flyway.jdbc-url", "jdbc:postgresql://[::1]:5432/app")));
    }

    @Test
    void aMalformedUrlIsNamedWithoutItsPassword() {
        Optional<String> problem = DatabaseConfigCheck.problem(prod(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost/app",
                "quarkus.flyway.jdbc-url", "postgresql://owner:" + SECRET + "@db.example.com:99999/app"));

        assertTrue(problem.orElseThrow().startsWith("quarkus.flyway.jdbc-url (QUARKUS_FLYWAY_JDBC_URL): the URL's port"),
                problem::orElseThrow);
        assertFalse(problem.get().contains(SECRET), problem::get);
    }

    @Test
    void anAcquisitionTimeoutThatWouldOutlastTheRetryBudgetIsRefused() {
        Optional<String> problem = DatabaseConfigCheck.problem(prod(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost/app",
                "DB_POOL_ACQUISITION_TIMEOUT", "10S"));

        assertEquals(Optional.of("quarkus.datasource.jdbc.acquisition-timeout (DB_POOL_ACQUISITION_TIMEOUT) is 10000 ms:"
                + " the retry budget (DB_RETRY_BUDGET, 5000 ms) must exceed it, and the longest pause between attempts"
                + " (1050 ms), by more than the first retry delay (100 ms): a request waits for the database at most the"
                + " budget, and one attempt may wait that long for a connection"), problem);
    }

    @Test
    void aLockTimeoutNotShorterThanTheStatementTimeoutIsRefused() {
        Optional<String> problem = DatabaseConfigCheck.problem(prod(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost/app",
                "DB_STATEMENT_TIMEOUT", "2S", "DB_LOCK_TIMEOUT", "2S"));

        assertEquals(Optional.of("DB_LOCK_TIMEOUT (2000 ms) must be shorter than DB_STATEMENT_TIMEOUT (2000 ms), so that"
                + " a write held by a lock fails as a lock timeout (README \"Deadlines\")"), problem);
    }

    @Test
    void aDeadlineOfZeroWhichPostgresqlTakesForNoneIsRefused() {
        Optional<String> problem = DatabaseConfigCheck.problem(prod(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost/app",
                "DB_IDLE_IN_TRANSACTION_TIMEOUT", "0S"));

        assertEquals(Optional.of("DB_IDLE_IN_TRANSACTION_TIMEOUT is 0 ms: it must be at least 1 ms (README \"Deadlines\");"
                + " PostgreSQL takes 0 for no limit at all"), problem);
    }
}
