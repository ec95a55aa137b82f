package com.example.database.health;

import com.example.database.Database;
import com.example.database.DatabaseState;
import com.example.database.Databases;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A round trip ({@code select 1}) to a database through the application's own pool, answered
 * within {@code database.health.ready-timeout}, as readiness makes it.
 *
 * <ul>
 *   <li>A database the application has left alone for {@code ready-idle-after} is not asked,
 *       while it was healthy: probes alone must not keep a Neon compute awake.</li>
 *   <li>A pool whose every connection is in use is busy, not down, and is not asked: the round
 *       trip would queue behind the requests and time out while the pool works.</li>
 *   <li>A round trip that has not answered within the bound goes on; the next probe joins it
 *       ({@link SharedAttempt}). Until then, a database that accepted the connection and says
 *       nothing yet is a Neon compute waking up, for {@code wake-up-grace}, unless it was down.</li>
 * </ul>
 */
@ApplicationScoped
public class DatabaseProbe {

    /** A bound for the statement itself, so that no round trip runs for ever. */
    private static final int QUERY_TIMEOUT_SECONDS = 5;

    /** What one probe learnt. */
    public sealed interface Outcome {
        /** Whether the database counts as healthy. */
        boolean up();
    }

    /** The database answered, in {@code latencyMillis}. */
    public record Answered(long latencyMillis) implements Outcome {
        public boolean up() {
            return true;
        }
    }

    /** Not asked: the application has not used the database for {@code idleMillis}. */
    public record Idle(long idleMillis) implements Outcome {
        public boolean up() {
            return true;
        }
    }

    /** Not asked: all {@code inUse} connections serve requests. */
    public record Busy(long inUse) implements Outcome {
        public boolean up() {
            return true;
        }
    }

    /** No answer yet after {@code elapsedMillis}; healthy while that may be a wake-up. */
    public record Waiting(long elapsedMillis, boolean up) implements Outcome {
    }

    /** The round trip failed. */
    public record Failed(Throwable failure, long elapsedMillis) implements Outcome {
        public boolean up() {
            return false;
        }
    }

    private final DatabaseHealthConfig config;
    private final Map<Database, SharedAttempt<Outcome>> roundTrips;

    DatabaseProbe(Databases databases, DatabaseHealthConfig config) {
        this.config = config;
        this.roundTrips = databases.all().stream()
                .collect(Collectors.toMap(Function.identity(), database -> new SharedAttempt<>(() -> roundTrip(database))));
    }

    public Uni<Outcome> check(Database database) {
        DatabaseState state = database.state();
        if (state.restingLongerThan(config.readyIdleAfter())) {
            return Uni.createFrom().item(new Idle(state.idleFor().toMillis()));
        }
        if (database.poolSaturated()) {
            return Uni.createFrom().item(new Busy(database.dataSource().getMetrics().activeCount()));
        }
        SharedAttempt.Run<Outcome> run = roundTrips.get(database).join();
        return run.answer().ifNoItem().after(config.readyTimeout()).recoverWithItem(() -> new Waiting(run.elapsedMillis(),
                !state.isDown() && run.elapsedMillis() < config.wakeUpGrace().toMillis()));
    }

    private static Outcome roundTrip(Database database) {
        long start = System.nanoTime();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.execute("select 1");
            database.state().success();
            return new Answered(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (SQLException | RuntimeException e) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            database.state().failure(e, elapsed);
            return new Failed(e, elapsed.toMillis());
        }
    }
}
