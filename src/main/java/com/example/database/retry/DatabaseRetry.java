package com.example.database.retry;

import com.example.database.TransientFailure;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.temporal.ChronoUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs a unit of work again when the database was away for a moment: a Neon compute suspended
 * under the pool, restarting, or refusing connections while it comes back. The unit is a whole
 * transaction, from its first statement to its commit, on a fresh connection each time; never a
 * statement inside one (a failed transaction is over).
 *
 * <ul>
 *   <li>{@link #read}: any transient failure, since running a read again changes nothing;</li>
 *   <li>{@link #idempotentWrite}: the same, for writes an idempotency key protects: run again,
 *       they find their first result instead of applying twice;</li>
 *   <li>{@link #write}: only if the failure came before anything reached the database. Later,
 *       a commit may have been applied with only its answer lost: never run that blindly.</li>
 * </ul>
 *
 * <p>Backoff is exponential with jitter, within {@code database.retry.budget}; then the failure
 * goes to the caller, which answers 503. Built on SmallRye Fault Tolerance's programmatic guard
 * rather than its annotations: on a {@code @Transactional} method those would retry inside the
 * transaction, which the interceptors' order makes the outer one.
 */
@ApplicationScoped
public class DatabaseRetry {

    private final Guard anyTransientFailure;
    private final Guard beforeTheDatabase;

    DatabaseRetry(DatabaseRetryConfig config) {
        this.anyTransientFailure = guard(config, TransientFailure::isTransient);
        this.beforeTheDatabase = guard(config, TransientFailure::nothingReachedTheDatabase);
    }

    /** A read: tried again on any transient failure. */
    public <T> T read(Supplier<T> work) {
        return run(anyTransientFailure, work);
    }

    /** A write that an idempotency key protects: tried again on any transient failure. */
    public <T> T idempotentWrite(Supplier<T> work) {
        return run(anyTransientFailure, work);
    }

    /** Any other write: tried again only if it never reached the database. */
    public <T> T write(Supplier<T> work) {
        return run(beforeTheDatabase, work);
    }

    /** {@link #write(Supplier)} for work without a result. */
    public void write(Runnable work) {
        write(() -> {
            work.run();
            return null;
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T run(Guard guard, Supplier<T> work) {
        return (T) guard.get((Supplier<Object>) work, Object.class);
    }

    private static Guard guard(DatabaseRetryConfig config, Predicate<Throwable> retryable) {
        return Guard.create()
                .withRetry()
                    .maxRetries(-1) // bounded by the budget, not a count
                    .maxDuration(config.budget().toMillis(), ChronoUnit.MILLIS)
                    .delay(config.firstDelay().toMillis(), ChronoUnit.MILLIS)
                    .jitter(config.jitter().toMillis(), ChronoUnit.MILLIS)
                    .whenException(retryable)
                    .withExponentialBackoff()
                        .factor(2)
                        .maxDelay(config.maxDelay().toMillis(), ChronoUnit.MILLIS)
                        .done()
                    .done()
                .build();
    }
}
