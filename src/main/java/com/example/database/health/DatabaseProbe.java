package com.example.database.health;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A round trip to a database through the application's own pool, answered within a bound.
 *
 * <ul>
 *   <li>A saturated pool is not asked: the probe would queue behind requests and time out while
 *       the pool, busy with them, works. Its connections were valid when handed out.</li>
 *   <li>The round trip runs on a thread of its own; an answer that is late for the caller is
 *       still recorded, and the next probe joins the attempt under way instead of piling up a
 *       second one.</li>
 *   <li>A database that accepted the connection but has not answered yet is a Neon compute
 *       waking up, for {@code wakeUpGrace}, unless it was already down.</li>
 * </ul>
 */
@ApplicationScoped
public class DatabaseProbe {

    /** A bound for the statement itself, so that no attempt runs for ever. */
    private static final int QUERY_TIMEOUT_SECONDS = 5;

    /** What one probe learnt. */
    public sealed interface Outcome {
        /** Whether the probe counts as healthy. */
        boolean up();
    }

    /** The database answered, in {@code latencyMillis}. */
    public record Answered(long latencyMillis) implements Outcome {
        public boolean up() {
            return true;
        }
    }

    /**
     * The application has not used the database for a while; not asked, so that the pool can
     * drain and Neon can suspend the compute. Healthy unless the last attempt failed.
     */
    public record Idle(long idleMillis) implements Outcome {
        public boolean up() {
            return true;
        }
    }

    /** Every connection is in use serving requests; not asked. */
    public record Busy(long inUse) implements Outcome {
        public boolean up() {
            return true;
        }
    }

    /** No answer yet after {@code elapsedMillis}; healthy while that may be a wake-up. */
    public record Waiting(long elapsedMillis, boolean up) implements Outcome {
    }

    /** The attempt failed. */
    public record Failed(Throwable failure, long elapsedMillis) implements Outcome {
        public boolean up() {
            return false;
        }
    }

    private record Attempt(CompletableFuture<Outcome> outcome, long startNanos) {
        long elapsedMillis() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        }
    }

    /** Marks the probe's own threads, whose connections are not the application's use. */
    private static final ThreadLocal<Boolean> PROBING = ThreadLocal.withInitial(() -> false);

    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(() -> {
            PROBING.set(true);
            task.run();
        }, "database-probe");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Database, Attempt> attempts = new ConcurrentHashMap<>();

    /** Whether the current thread is one of the probe's. */
    static boolean isProbing() {
        return PROBING.get();
    }

    /** Starts a round trip, or joins the one under way, without waiting. */
    public CompletableFuture<Outcome> start(Database database) {
        return attempt(database).outcome();
    }

    /** A round trip to {@code database}, answered within {@code bound}. */
    public Outcome check(Database database, Duration bound, Duration wakeUpGrace) {
        return check(database, bound, wakeUpGrace, Duration.ZERO);
    }

    /**
     * As {@link #check(Database, Duration, Duration)}, but a database the application has not
     * used for {@code idleAfter} (zero: never idle) is not asked while it was healthy.
     */
    public Outcome check(Database database, Duration bound, Duration wakeUpGrace, Duration idleAfter) {
        if (database.state().restingLongerThan(idleAfter)) {
            return new Idle(database.state().idleFor().toMillis());
        }
        if (database.poolSaturated()) {
            return new Busy(database.dataSource().getMetrics().activeCount());
        }
        Attempt attempt = attempt(database);
        try {
            return attempt.outcome().get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            long elapsed = attempt.elapsedMillis();
            return new Waiting(elapsed, !database.state().isDown() && elapsed < wakeUpGrace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Waiting(attempt.elapsedMillis(), false);
        } catch (ExecutionException e) {
            return new Failed(e.getCause(), attempt.elapsedMillis());
        }
    }

    /** Runs {@code task} on a probe thread. */
    <T> CompletableFuture<T> supply(java.util.function.Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, executor);
    }

    /** Runs {@code task} on a probe thread; empty when it takes longer than {@code bound}. */
    <T> Optional<T> within(Duration bound, Callable<T> task) {
        try {
            return Optional.ofNullable(executor.submit(task).get(bound.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }

    private Attempt attempt(Database database) {
        return attempts.compute(database, (key, current) ->
                current != null && !current.outcome().isDone() ? current : begin(database));
    }

    private Attempt begin(Database database) {
        long start = System.nanoTime();
        return new Attempt(CompletableFuture.supplyAsync(() -> roundTrip(database, start), executor), start);
    }

    private static Outcome roundTrip(Database database, long startNanos) {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.execute("select 1");
            database.state().success();
            return new Answered(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        } catch (SQLException | RuntimeException e) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            database.state().failure(e, elapsed);
            return new Failed(e, elapsed.toMillis());
        }
    }
}
