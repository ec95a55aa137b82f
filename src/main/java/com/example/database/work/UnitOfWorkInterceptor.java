package com.example.database.work;

import com.example.database.Database;
import com.example.database.DatabaseUnavailableException;
import com.example.database.Databases;
import com.example.database.TransientFailure;
import com.example.database.work.UnitOfWork.Kind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Runs a {@link UnitOfWork}: each attempt on the database its kind allows, a write in one
 * transaction, a read in none; and the whole unit again when the database was away for a moment
 * (a Neon compute suspended under the pool, restarting, or waking up), as far as its kind allows.
 *
 * <p><b>Reads</b> run outside a transaction, so each query is the only statement it sends: on Neon
 * every round trip crosses a network and a pooler, and a transaction would double those of a GET
 * (pgjdbc sends the {@code BEGIN} with the first statement; the {@code COMMIT} is one more).
 * On the primary they use the request's Hibernate session (Panache's), read-only and cleared at
 * the start of each attempt (a retry, or a later unit of work of the same request, never sees
 * what an earlier one loaded). <b>Writes</b> run in one transaction each
 * ({@link QuarkusTransaction}), begun and ended here, so that an attempt is always a whole
 * transaction on a fresh connection, never a statement inside one.
 *
 * <p>A {@link Kind#REPLICA_READ} runs on the read replica, when one is configured, in a read-only
 * session of its own that its method queries ({@link CurrentAttempt#session()}), unless the replica
 * failed recently: a transient failure there opens a circuit breaker (SmallRye Fault Tolerance),
 * the attempt fails, and the next one, as every attempt of the other kinds, runs on the primary.
 * After {@code database.replica.recheck-interval} one read tries the replica again.
 *
 * <p>A request waits for the database at most {@code database.retry.budget}, connection
 * acquisition included ({@link RetryConfig#retryWindow}). Backoff is exponential with jitter
 * (SmallRye Fault Tolerance's retry). When the budget is spent, the primary's state records the
 * outage (one log line) and the caller gets {@link DatabaseUnavailableException}. While the
 * database is known to be away, a unit of work is tried once: requests fail fast, and the first
 * one that succeeds ends the outage. A connection that could not be had because every one of the
 * pool's is in use is load, not an outage: {@link DatabaseUnavailableException#busy()} at once,
 * without a retry. A connection found cut has the pool drop its dead idle siblings, so that the
 * next attempt, and every other request's, gets a working one.
 *
 * <p>No attempt holds the database for long ({@link Timeouts}, README "Deadlines"): pgjdbc cancels
 * any statement after the statement timeout, and a write's first statement has PostgreSQL end its
 * statements, lock waits and idle moments at their limits. A limit reached is no outage (the
 * database answered): it runs again as a transient failure does, as far as the kind allows, and
 * then ends in {@link DatabaseUnavailableException#timedOut}, the primary's state untouched.
 */
@UnitOfWork
@Interceptor
// Outside Quarkus's @Transactional interceptors (PLATFORM_BEFORE + 200), should a method carry one.
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 150)
public class UnitOfWorkInterceptor {

    private final Databases databases;
    private final CurrentAttempt current;
    private final TransactionManager transactions;
    private final Session session;
    private final SessionFactory sessions;
    private final Guard anyTransientFailure;
    private final Guard beforeTheDatabase;
    private final Guard replicaBreaker;
    private final Counter replicaFallbacks;
    private final String transactionLimits;

    UnitOfWorkInterceptor(Databases databases, CurrentAttempt current, TransactionManager transactions, Session session,
                          SessionFactory sessions, RetryConfig retry, Timeouts timeouts,
                          @ConfigProperty(name = "database.replica.recheck-interval") Duration recheckInterval,
                          @ConfigProperty(name = "quarkus.datasource.jdbc.acquisition-timeout") Duration acquisitionTimeout,
                          @ConfigProperty(name = "quarkus.datasource.replica.jdbc.acquisition-timeout") Duration replicaAcquisitionTimeout,
                          MeterRegistry metrics) {
        this.databases = databases;
        this.current = current;
        this.transactions = transactions;
        this.session = session;
        this.sessions = sessions;
        this.transactionLimits = timeouts.setLocal();
        Duration window = retry.retryWindow(max(acquisitionTimeout, replicaAcquisitionTimeout));
        this.anyTransientFailure = retryGuard("any-transient-failure", retry, window,
                failure -> TransientFailure.isTransient(failure) || TransientFailure.isTimeout(failure), metrics);
        this.beforeTheDatabase = retryGuard("before-the-database", retry, window,
                TransientFailure::nothingReachedTheDatabase, metrics);
        Counter replicaBreakerOpened = Counter.builder("database.replica.breaker.opened")
                .description("Times the replica failed and lag-tolerant reads moved to the primary")
                .register(metrics);
        this.replicaBreaker = Guard.create()
                .withCircuitBreaker()
                    .requestVolumeThreshold(1) // the first failure opens it
                    .failureRatio(1)
                    .delay(recheckInterval.toMillis(), ChronoUnit.MILLIS)
                    .when(TransientFailure::isTransient)
                    .onStateChange(state -> {
                        if (state == CircuitBreakerState.OPEN) {
                            replicaBreakerOpened.increment();
                        }
                    })
                    .done()
                .build();
        this.replicaFallbacks = Counter.builder("database.replica.fallbacks")
                .description("Lag-tolerant reads run on the primary because the replica failed recently")
                .register(metrics);
    }

    @AroundInvoke
    Object run(InvocationContext work) throws Exception {
        ManagedContext requestContext = Arc.container().requestContext();
        if (requestContext.isActive()) {
            return runInRequestContext(work);
        }
        // A caller outside an HTTP request (a scheduled job, say): the database of its attempts,
        // and the session of its reads, live in a request context.
        requestContext.activate();
        try {
            return runInRequestContext(work);
        } finally {
            requestContext.terminate();
        }
    }

    private Object runInRequestContext(InvocationContext work) throws Exception {
        if (current.database() != null || transactions.getStatus() != Status.STATUS_NO_TRANSACTION) {
            return work.proceed(); // part of an outer unit of work (or the caller's own transaction)
        }
        Kind kind = work.getInterceptorBinding(UnitOfWork.class).value();
        try {
            if (databases.primary().state().isDown()) {
                return attempt(work, kind); // known to be away: once, so that requests fail fast until it answers
            }
            return (kind == Kind.WRITE ? beforeTheDatabase : anyTransientFailure).call(() -> attempt(work, kind), Object.class);
        } catch (Exception failure) {
            if (TransientFailure.isTimeout(failure)) {
                throw DatabaseUnavailableException.timedOut(TransientFailure.sqlState(failure).orElseThrow());
            }
            if (TransientFailure.isTransient(failure)) {
                databases.primary().state().failure(failure);
                throw DatabaseUnavailableException.unreachable();
            }
            throw failure;
        }
    }

    /** One attempt: on the replica when its kind allows and the replica answers, else on the primary. */
    private Object attempt(InvocationContext work, Kind kind) throws Exception {
        Optional<Database> replica = databases.replica();
        if (replica.isPresent() && kind == Kind.REPLICA_READ) {
            try {
                return replicaBreaker.call(() -> attemptOn(replica.get(), work, kind), Object.class);
            } catch (CircuitBreakerOpenException replicaAway) {
                replicaFallbacks.increment(); // it failed recently: this read goes to the primary
            }
        }
        return attemptOn(databases.primary(), work, kind);
    }

    private Object attemptOn(Database database, InvocationContext work, Kind kind) throws Exception {
        database.state().used();
        try {
            Object result;
            if (!kind.reads()) {
                result = write(database, work);
            } else if (database == databases.primary()) {
                result = read(database, work);
            } else {
                result = readOnReplica(database, work);
            }
            database.state().success();
            return result;
        } catch (Exception failure) {
            if (TransientFailure.isAcquisitionTimeout(failure) && database.poolSaturated()) {
                throw DatabaseUnavailableException.busy();
            }
            // A deadline is no outage: the database answered. (After 25P03 the server has ended that
            // session; the pool discards the connection, whose rollback fails.)
            boolean away = !TransientFailure.isTimeout(failure) && TransientFailure.isTransient(failure);
            if (away) {
                database.state().transientFailure(failure);
                if (!TransientFailure.nothingReachedTheDatabase(failure)) {
                    database.dropDeadConnections(); // a connection was cut: its idle siblings most likely were too
                }
                if (database != databases.primary()) {
                    database.state().failure(failure); // logs once that lag-tolerant reads moved to the primary
                }
            }
            throw failure;
        } finally {
            current.end();
        }
    }

    /** A write: one transaction, whose first statement sets its limits (README "Deadlines"). */
    private Object write(Database primary, InvocationContext work) throws Exception {
        current.begin(primary, null);
        return QuarkusTransaction.requiringNew().call(() -> {
            session.doWork(connection -> {
                // Prepared, so that the connection keeps it parsed on the server after a few uses.
                try (PreparedStatement limits = connection.prepareStatement(transactionLimits)) {
                    limits.execute();
                }
            });
            return work.proceed();
        });
    }

    /** A read on the primary, in the request's session: the one Panache uses. */
    private Object read(Database primary, InvocationContext work) throws Exception {
        current.begin(primary, null);
        session.clear();
        session.setDefaultReadOnly(true); // no copy of each row kept to compare with: nothing is written
        return work.proceed();
    }

    /**
     * A lag-tolerant read on the replica, in a read-only session of its own on one of the
     * replica's connections ({@link CurrentAttempt#session()}); both closed when it ends. The
     * request's session stays on the primary: Hibernate takes its connections from one pool.
     */
    private Object readOnReplica(Database replica, InvocationContext work) throws Exception {
        try (Connection connection = replica.dataSource().getConnection();
             Session replicaSession = sessions.withOptions().connection(connection).openSession()) {
            replicaSession.setDefaultReadOnly(true);
            current.begin(replica, replicaSession);
            return work.proceed();
        }
    }

    /**
     * @param policy the {@code policy} tag of its {@code database.retries} counter, which counts
     *               each retry (Fault Tolerance's own metrics are off: they cost every call)
     */
    private static Guard retryGuard(String policy, RetryConfig config, Duration window, Predicate<Throwable> retryable,
                                    MeterRegistry metrics) {
        Counter retries = Counter.builder("database.retries")
                .description("Units of work run again after a transient failure, by retry policy")
                .tag("policy", policy)
                .register(metrics);
        return Guard.create()
                .withRetry()
                    .maxRetries(-1) // bounded by time, not by a count
                    .maxDuration(window.toMillis(), ChronoUnit.MILLIS)
                    .delay(config.firstDelay().toMillis(), ChronoUnit.MILLIS)
                    .jitter(config.jitter().toMillis(), ChronoUnit.MILLIS)
                    .whenException(retryable)
                    .beforeRetry(() -> retries.increment())
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
