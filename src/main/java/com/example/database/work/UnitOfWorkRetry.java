package com.example.database.work;

import com.example.database.DatabaseUnavailableException;
import com.example.database.Databases;
import com.example.database.TransientFailure;
import com.example.database.work.UnitOfWork.Kind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Predicate;

/**
 * Runs a {@link UnitOfWork} again when the database was away for a moment (a Neon compute
 * suspended under the pool, restarting, or waking up), as far as its kind allows: the whole
 * transaction, on a fresh connection each time, never a statement inside it.
 *
 * <p>A request waits for the database at most {@code database.retry.budget}, connection
 * acquisition included: no attempt starts so late that its wait for a connection (at most the
 * pools' acquisition timeout), or the pause before it, could end past the budget
 * ({@link #retryWindow}). Backoff is exponential with jitter. When the budget is spent, the
 * primary's state records the outage (one log line) and the caller gets
 * {@link DatabaseUnavailableException}. While the database is known to be away, a unit of work
 * is tried once: requests fail fast, and the first one that succeeds ends the outage.
 *
 * <p>SmallRye Fault Tolerance's programmatic guard, not its {@code @Retry}: that interceptor
 * runs inside {@code @Transactional}'s, so it would retry within the failed transaction.
 */
@UnitOfWork
@Interceptor
@Priority(UnitOfWorkRetry.PRIORITY)
public class UnitOfWorkRetry {

    /** Outside Quarkus's {@code @Transactional} interceptors (PLATFORM_BEFORE + 200): each attempt is a whole transaction. */
    static final int PRIORITY = Interceptor.Priority.PLATFORM_BEFORE + 100;

    private final Guard anyTransientFailure;
    private final Guard beforeTheDatabase;
    private final Databases databases;

    UnitOfWorkRetry(RetryConfig config, Databases databases,
                    @ConfigProperty(name = "quarkus.datasource.jdbc.acquisition-timeout") Duration acquisitionTimeout,
                    @ConfigProperty(name = "quarkus.datasource.replica.jdbc.acquisition-timeout") Duration replicaAcquisitionTimeout) {
        Duration window = retryWindow(config, max(acquisitionTimeout, replicaAcquisitionTimeout));
        this.anyTransientFailure = guard("database.retry.any-transient-failure", config, window, TransientFailure::isTransient);
        this.beforeTheDatabase = guard("database.retry.before-the-database", config, window,
                TransientFailure::nothingReachedTheDatabase);
        this.databases = databases;
    }

    @AroundInvoke
    Object retry(InvocationContext work) throws Exception {
        if (insideATransaction()) {
            return work.proceed(); // part of an outer unit of work, which is retried as a whole
        }
        try {
            if (databases.primary().state().isDown()) {
                return work.proceed(); // known to be away: one attempt, so that requests fail fast until it answers
            }
            Kind kind = work.getInterceptorBinding(UnitOfWork.class).value();
            return (kind == Kind.WRITE ? beforeTheDatabase : anyTransientFailure).call(work::proceed, Object.class);
        } catch (Exception failure) {
            if (TransientFailure.isTransient(failure)) {
                databases.primary().state().failure(failure);
                throw DatabaseUnavailableException.unreachable();
            }
            throw failure;
        }
    }

    /**
     * How long after the first attempt another one may start: the budget, less the longest wait
     * an attempt can add, for a connection or for the pause before it. Zero or less: no retries.
     */
    public static Duration retryWindow(RetryConfig config, Duration acquisitionTimeout) {
        return config.budget().minus(max(acquisitionTimeout, config.maxDelay().plus(config.jitter())));
    }

    /** Whether the caller runs in a transaction already: then it is the outer unit of work. */
    static boolean insideATransaction() {
        return QuarkusTransaction.getStatus() != Status.STATUS_NO_TRANSACTION;
    }

    /** @param policy the method tag of the guard's ft.* metrics: retries are counted per policy */
    private static Guard guard(String policy, RetryConfig config, Duration window, Predicate<Throwable> retryable) {
        return Guard.create()
                .withDescription(policy)
                .withRetry()
                    .maxRetries(-1) // bounded by time, not by a count
                    .maxDuration(window.toMillis(), ChronoUnit.MILLIS)
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

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
