package com.example.database;

import com.example.database.config.DatabaseEndpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the service last saw of one database: when it last answered, when the application last
 * used it, and how many attempts failed since it answered. It logs when the database goes away
 * and when it comes back, once each: during an outage every request fails, and the log should
 * say so once, not once per request. It counts the same events, and the failed attempts of
 * units of work by SQLSTATE class, as metrics tagged with the datasource's name.
 */
public final class DatabaseState {

    private static final Logger LOG = Logger.getLogger(DatabaseState.class);

    private final DatabaseEndpoint endpoint;
    /** What the service does while this database is away, for the log line. */
    private final String whileAway;
    private final MeterRegistry metrics;
    private final String datasource;
    private final Counter outagesBegun;
    private final Counter outagesEnded;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile Instant lastSuccess;
    private volatile long lastUseNanos = System.nanoTime();
    private volatile Instant downSince;
    private volatile String lastFailure;

    /**
     * @param datasource the Quarkus datasource's name, as Agroal's pool metrics tag it
     *                   ({@code default}, {@code replica})
     */
    public DatabaseState(DatabaseEndpoint endpoint, String whileAway, MeterRegistry metrics, String datasource) {
        this.endpoint = endpoint;
        this.whileAway = whileAway;
        this.metrics = metrics;
        this.datasource = datasource;
        this.outagesBegun = Counter.builder("database.outages.begun")
                .description("Times the database became unreachable")
                .tag("datasource", datasource).register(metrics);
        this.outagesEnded = Counter.builder("database.outages.ended")
                .description("Times the database answered again after being unreachable")
                .tag("datasource", datasource).register(metrics);
    }

    /** The database answered. Cheap: it runs for every unit of work. */
    public void success() {
        lastSuccess = Instant.now();
        if (downSince != null) {
            recovered();
        }
    }

    /** An attempt to reach the database failed after {@code elapsed}. */
    public void failure(Throwable failure, Duration elapsed) {
        failed(failure, ", " + elapsed.toMillis() + " ms");
    }

    /** A unit of work failed on the database; how long it tried is not known here. */
    public void failure(Throwable failure) {
        failed(failure, "");
    }

    /**
     * An attempt of a unit of work failed because the database was away ({@link TransientFailure}):
     * counted by SQLSTATE class ({@code 08} connection, {@code 57} shutdown, {@code 53} resources;
     * {@code none} for a failure without one, such as a pool's acquisition timeout, or with a
     * malformed one).
     */
    public void transientFailure(Throwable failure) {
        String sqlStateClass = TransientFailure.sqlState(failure).filter(state -> state.length() == 5)
                .map(state -> state.substring(0, 2)).orElse("none");
        Counter.builder("database.transient.failures")
                .description("Attempts of units of work that failed because the database was away, by SQLSTATE class")
                .tags("datasource", datasource, "sqlstate.class", sqlStateClass)
                .register(metrics)
                .increment();
    }

    /** The application started a unit of work on the database. Cheap: it runs for every one. */
    public void used() {
        lastUseNanos = System.nanoTime();
    }

    /** How long the application has not used the database (since start, if never). */
    public Duration idleFor() {
        return Duration.ofNanos(System.nanoTime() - lastUseNanos);
    }

    /**
     * Whether the application has left the database alone for longer than {@code period} (never,
     * for a zero period) and it was healthy when last seen: a probe need not ask it then.
     */
    public boolean restingLongerThan(Duration period) {
        return !period.isZero() && idleFor().compareTo(period) > 0 && !isDown();
    }

    public boolean isDown() {
        return downSince != null;
    }

    public DatabaseEndpoint endpoint() {
        return endpoint;
    }

    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    public int consecutiveFailures() {
        return consecutiveFailures.get();
    }

    private void failed(Throwable failure, String elapsed) {
        int attempt = consecutiveFailures.incrementAndGet();
        lastFailure = TransientFailure.describe(failure);
        if (downSince == null) {
            wentDown(attempt, elapsed);
        }
    }

    private synchronized void wentDown(int attempt, String elapsed) {
        if (downSince != null) {
            return;
        }
        downSince = Instant.now();
        outagesBegun.increment();
        LOG.warnf("Database %s unreachable (%s, attempt %d%s): %s", endpoint, lastFailure, attempt, elapsed, whileAway);
    }

    private synchronized void recovered() {
        if (downSince == null) {
            return;
        }
        Duration down = Duration.between(downSince, Instant.now());
        int failures = consecutiveFailures.getAndSet(0);
        downSince = null;
        outagesEnded.increment();
        LOG.infof("Database %s answers again after %d s and %d failed attempts", endpoint, down.toSeconds(), failures);
    }
}
