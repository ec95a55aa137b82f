package com.example.database.health;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A blocking look at the database, run on Quarkus's worker pool one at a time: a probe that
 * comes while one is under way joins it instead of starting another, so a database that is slow
 * to answer never collects a pile of attempts. Each probe waits only as long as its own bound;
 * an answer that comes later is still kept for the next one.
 */
final class SharedAttempt<T> {

    /** One attempt: its answer when it comes, and when it started. */
    record Run<T>(CompletableFuture<T> result, long startNanos) {

        /** The answer, for one caller (a caller that stops waiting does not cancel it for the others). */
        Uni<T> answer() {
            return Uni.createFrom().completionStage(result.copy());
        }

        long elapsedMillis() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        }
    }

    private final Supplier<T> look;
    private Run<T> current;

    SharedAttempt(Supplier<T> look) {
        this.look = look;
    }

    /** The attempt under way, or a new one. */
    synchronized Run<T> join() {
        if (current == null || current.result().isDone()) {
            current = new Run<>(Uni.createFrom().item(look).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .subscribeAsCompletionStage(), System.nanoTime());
        }
        return current;
    }
}
