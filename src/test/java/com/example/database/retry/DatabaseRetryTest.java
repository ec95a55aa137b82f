package com.example.database.retry;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which units of work run again after which failures, and for how long at most. */
@QuarkusTest
class DatabaseRetryTest {

    @Inject
    DatabaseRetry retry;

    /** Fails with {@code failure} the first {@code failures} times, then answers "done". */
    private static Supplier<String> failing(int failures, String sqlState, AtomicInteger attempts) {
        return () -> {
            if (attempts.incrementAndGet() <= failures) {
                throw new IllegalStateException("wrapped", new SQLException("failure", sqlState));
            }
            return "done";
        };
    }

    @Test
    void readRunsAgainAfterTheConnectionWasTerminated() {
        AtomicInteger attempts = new AtomicInteger();

        assertEquals("done", retry.read(failing(2, "57P01", attempts)));
        assertEquals(3, attempts.get());
    }

    @Test
    void idempotentWriteRunsAgainAfterAnyTransientFailure() {
        AtomicInteger attempts = new AtomicInteger();

        assertEquals("done", retry.idempotentWrite(failing(2, "08006", attempts)));
        assertEquals(3, attempts.get());
    }

    @Test
    void writeRunsAgainWhenNoConnectionCouldBeHad() {
        AtomicInteger attempts = new AtomicInteger();

        assertEquals("done", retry.write(failing(2, "08001", attempts)));
        assertEquals(3, attempts.get());
    }

    @Test
    void writeDoesNotRunAgainOnceItMayHaveReachedTheDatabase() {
        AtomicInteger attempts = new AtomicInteger();

        assertThrows(IllegalStateException.class, () -> retry.write(failing(1, "57P01", attempts)));
        assertEquals(1, attempts.get());
    }

    @Test
    void aRefusalIsNeverRetried() {
        AtomicInteger attempts = new AtomicInteger();

        assertThrows(IllegalStateException.class, () -> retry.read(failing(1, "23505", attempts)));
        assertEquals(1, attempts.get());
    }

    @Test
    void retriesStopWhenTheBudgetIsSpent() {
        AtomicInteger attempts = new AtomicInteger();
        long start = System.nanoTime();

        assertThrows(IllegalStateException.class, () -> retry.read(failing(Integer.MAX_VALUE, "08006", attempts)));

        Duration spent = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(attempts.get() > 3, "attempts: " + attempts.get());
        assertTrue(spent.compareTo(Duration.ofSeconds(7)) < 0, "spent: " + spent); // budget 5 s, backoff up to 2 s
    }
}
