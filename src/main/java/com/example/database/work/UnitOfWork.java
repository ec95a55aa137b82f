package com.example.database.work;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a method, or every method of a class, a unit of work on the database: a write in one
 * transaction, a read in none ({@link UnitOfWorkInterceptor}, which begins and ends it), run
 * again after the failures its kind allows, on the database its kind allows. Nothing else
 * begins transactions: no {@code @Transactional} beside it (a method that must run inside a
 * write's transaction may say so with {@code @Transactional(MANDATORY)}). A unit of work called
 * from inside another one is part of it: the outer one's kind decides. A method-level declaration overrides
 * the class-level one. Callers outside an HTTP request (a scheduled job, say) need nothing more:
 * the unit of work activates a request context for itself where none is active.
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface UnitOfWork {

    /** What the unit of work does; the default is the kind that is always safe to declare. */
    @Nonbinding
    Kind value() default Kind.WRITE;

    enum Kind {
        /**
         * A read that tolerates replication lag (lists, searches): on the read replica while one
         * is configured and answers, else on the primary. Runs again after any transient failure.
         * Its method queries {@link CurrentAttempt#session()}, not Panache's session, which stays
         * on the primary.
         */
        REPLICA_READ,
        /**
         * A read that must see the latest writes, such as one whose ETag feeds a conditional
         * write: on the primary. Runs again after any transient failure.
         */
        READ,
        /**
         * A write that an idempotency key protects: runs again after any transient failure, and
         * a second run finds the first one's result instead of applying twice.
         */
        IDEMPOTENT_WRITE,
        /**
         * Any other write: runs again only when the failure came before anything reached the
         * database. Later, the commit may have been applied with only its answer lost.
         */
        WRITE;

        /** Whether it only reads: then it runs outside a transaction, its entities read-only. */
        public boolean reads() {
            return this == REPLICA_READ || this == READ;
        }
    }
}
