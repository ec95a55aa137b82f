package com.example.database.work;

import com.example.database.Database;
import com.example.database.DatabaseUnavailableException;
import com.example.database.Databases;
import com.example.database.TransientFailure;
import com.example.database.work.UnitOfWork.Kind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Chooses the database of each attempt of a {@link UnitOfWork}, and records what happened there.
 *
 * <p>A {@link Kind#REPLICA_READ} runs on the read replica, when one is configured, unless it
 * failed recently: a transient failure there opens a circuit breaker (SmallRye Fault Tolerance),
 * the attempt fails, {@link UnitOfWorkRetry} runs it again, and this time, as for every other
 * kind, it runs on the primary. After {@code database.replica.recheck-interval} one read tries
 * the replica again. Hibernate opens each attempt's session on the chosen database through
 * {@link ChosenDatabase}.
 *
 * <p>A connection that could not be had because every one of the pool's is in use is load, not
 * an outage: {@link DatabaseUnavailableException#busy()} at once, without a retry, without
 * marking the database down. A connection found cut has the pool drop its dead idle siblings, so
 * that the next attempt, and every other request's, gets a working one.
 */
@UnitOfWork
@Interceptor
@Priority(UnitOfWorkRetry.PRIORITY + 50)
public class ReplicaRouting {

    private final Databases databases;
    private final ChosenDatabase chosen;
    private final Guard replicaBreaker;
    private final Counter replicaFallbacks;

    ReplicaRouting(Databases databases, @PersistenceUnitExtension ChosenDatabase chosen,
                   @ConfigProperty(name = "database.replica.recheck-interval") Duration recheckInterval,
                   MeterRegistry metrics) {
        this.databases = databases;
        this.chosen = chosen;
        this.replicaFallbacks = Counter.builder("database.replica.fallbacks")
                .description("Lag-tolerant reads run on the primary because the replica failed recently")
                .register(metrics);
        this.replicaBreaker = Guard.create()
                .withDescription("database.replica") // the method tag of its ft.circuitbreaker.* metrics
                .withCircuitBreaker()
                    .requestVolumeThreshold(1) // the first failure opens it
                    .failureRatio(1)
                    .delay(recheckInterval.toMillis(), ChronoUnit.MILLIS)
                    .when(TransientFailure::isTransient)
                    .done()
                .build();
    }

    @AroundInvoke
    Object route(InvocationContext work) throws Exception {
        if (UnitOfWorkRetry.insideATransaction()) {
            return work.proceed(); // part of an outer unit of work, on its database
        }
        Optional<Database> replica = databases.replica();
        if (replica.isPresent() && work.getInterceptorBinding(UnitOfWork.class).value() == Kind.REPLICA_READ) {
            try {
                return replicaBreaker.call(() -> attempt(work, replica.get()), Object.class);
            } catch (CircuitBreakerOpenException replicaAway) {
                replicaFallbacks.increment(); // it failed recently: this read goes to the primary
            }
        }
        return attempt(work, databases.primary());
    }

    private Object attempt(InvocationContext work, Database database) throws Exception {
        database.state().used();
        chosen.useReplica(database != databases.primary());
        try {
            Object result = work.proceed();
            database.state().success();
            return result;
        } catch (Exception failure) {
            if (TransientFailure.isAcquisitionTimeout(failure) && database.poolSaturated()) {
                throw DatabaseUnavailableException.busy();
            }
            boolean away = TransientFailure.isTransient(failure);
            if (away) {
                database.state().transientFailure(failure);
            }
            if (away && !TransientFailure.nothingReachedTheDatabase(failure)) {
                database.dropDeadConnections(); // a connection was cut: its idle siblings most likely were too
            }
            if (database != databases.primary() && away) {
                database.state().failure(failure); // logs once that lag-tolerant reads moved to the primary
            }
            throw failure;
        } finally {
            chosen.useReplica(false);
        }
    }
}
