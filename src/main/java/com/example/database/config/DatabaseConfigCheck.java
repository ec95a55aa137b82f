package com.example.database.config;

import com.example.database.url.InvalidDatabaseUrlException;
import com.example.database.url.PostgresUrl;
import com.example.database.work.RetryConfig;
import com.example.database.work.Timeouts;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.SmallRyeConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * First thing at start, before anything connects: the database configuration the service ended
 * up with is complete and safe, whichever source each value came from ({@code DATABASE_URL} and
 * its family, Quarkus's own properties, a profile file, {@code .env}). A problem ends the process
 * with one line: Quarkus prints a {@link ConfigurationException}'s message alone, and exits 1.
 */
@ApplicationScoped
class DatabaseConfigCheck {

    /** Every URL the service connects with: the application's pool, the replica's, migrations. */
    private static final List<String> URLS = List.of(DatabaseConfigSourceFactory.JDBC_URL,
            "quarkus.datasource.replica.jdbc.url", "quarkus.flyway.jdbc-url");
    /** Each pool's acquisition timeout, and the variable that sets it. */
    private static final Map<String, String> ACQUISITION_TIMEOUTS = Map.of(
            "quarkus.datasource.jdbc.acquisition-timeout", "DB_POOL_ACQUISITION_TIMEOUT",
            "quarkus.datasource.replica.jdbc.acquisition-timeout", "QUARKUS_DATASOURCE_REPLICA_JDBC_ACQUISITION_TIMEOUT");

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, SmallRyeConfig config) {
        problem(config).ifPresent(problem -> {
            throw new ConfigurationException(problem, Set.of());
        });
    }

    /** What is wrong with the database configuration, in one line; empty if nothing is. */
    static Optional<String> problem(SmallRyeConfig config) {
        RetryConfig retry = config.getConfigMapping(RetryConfig.class);
        Optional<String> invalidUrl = config.getOptionalValue(DatabaseConfigSourceFactory.INVALID_URL, String.class);
        if (invalidUrl.isPresent()) {
            return invalidUrl;
        }
        if (config.getOptionalValue(DatabaseConfigSourceFactory.JDBC_URL, String.class).isEmpty()) {
            return Optional.of(DatabaseUrls.PRIMARY + " is not set: give the service its database as a libpq URI"
                    + " (postgresql://user:password@host/dbname?sslmode=require) or a jdbc:postgresql:// URL");
        }
        boolean allowInsecure = config.getOptionalValue(DatabaseConfigSourceFactory.ALLOW_INSECURE, Boolean.class).orElse(false);
        for (String property : URLS) {
            Optional<String> url = config.getOptionalValue(property, String.class);
            if (url.isEmpty()) {
                continue;
            }
            // The DATABASE_URL family was checked as it was read; this covers values set the Quarkus way.
            PostgresUrl parsed;
            try {
                parsed = PostgresUrl.parse(url.get());
            } catch (InvalidDatabaseUrlException e) {
                return Optional.of(nameOf(property) + ": " + e.getMessage());
            }
            Optional<String> unencrypted = allowInsecure ? Optional.empty() : DatabaseUrls.encryptionProblem(parsed, nameOf(property));
            if (unencrypted.isPresent()) {
                return unencrypted;
            }
        }
        for (Map.Entry<String, String> timeout : new TreeMap<>(ACQUISITION_TIMEOUTS).entrySet()) {
            Duration acquisition = config.getValue(timeout.getKey(), Duration.class);
            if (retry.retryWindow(acquisition).compareTo(retry.firstDelay()) <= 0) {
                return Optional.of(timeout.getKey() + " (" + timeout.getValue() + ") is " + acquisition.toMillis()
                        + " ms: the retry budget (DB_RETRY_BUDGET, " + retry.budget().toMillis() + " ms) must exceed it,"
                        + " and the longest pause between attempts (" + retry.maxDelay().plus(retry.jitter()).toMillis()
                        + " ms), by more than the first retry delay (" + retry.firstDelay().toMillis() + " ms): a request"
                        + " waits for the database at most the budget, and one attempt may wait that long for a connection");
            }
        }
        return deadlineProblem(config.getConfigMapping(Timeouts.class));
    }

    /** A deadline that would not bound anything, or a lock timeout a statement timeout would hide. */
    private static Optional<String> deadlineProblem(Timeouts timeouts) {
        Map<String, Duration> limits = Map.of("DB_STATEMENT_TIMEOUT", timeouts.statement(), "DB_LOCK_TIMEOUT", timeouts.lock(),
                "DB_IDLE_IN_TRANSACTION_TIMEOUT", timeouts.idleInTransaction());
        for (Map.Entry<String, Duration> limit : new TreeMap<>(limits).entrySet()) {
            if (limit.getValue().toMillis() <= 0) {
                return Optional.of(limit.getKey() + " is " + limit.getValue().toMillis() + " ms: it must be at least 1 ms"
                        + " (README \"Deadlines\"); PostgreSQL takes 0 for no limit at all");
            }
        }
        if (timeouts.lock().compareTo(timeouts.statement()) >= 0) {
            return Optional.of("DB_LOCK_TIMEOUT (" + timeouts.lock().toMillis() + " ms) must be shorter than DB_STATEMENT_TIMEOUT ("
                    + timeouts.statement().toMillis() + " ms), so that a write held by a lock fails as a lock timeout (README \"Deadlines\")");
        }
        return Optional.empty();
    }

    /** {@code quarkus.flyway.jdbc-url (QUARKUS_FLYWAY_JDBC_URL)}. */
    private static String nameOf(String property) {
        return property + " (" + property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + ")";
    }
}
