package com.example.database.work;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/**
 * How long the database may keep one statement of a unit of work, and a write's transaction,
 * before the attempt fails (README "Deadlines"). Defaults live in application.properties.
 */
@ConfigMapping(prefix = "database.timeouts")
public interface Timeouts {

    /**
     * Longest a statement may run in PostgreSQL, lock waits included. The driver sends a cancel
     * request after this (in whole seconds, rounded up), whether or not a transaction is open; in
     * a write's transaction PostgreSQL also ends it itself ({@link #setLocal()}). A statement
     * still queued in a pooler for a server connection is not cancelled.
     */
    Duration statement();

    /** Longest a statement of a write may wait for a lock; shorter than {@link #statement()}. */
    Duration lock();

    /**
     * Longest a write's transaction may stay open between two statements before PostgreSQL ends
     * its session, and with it the locks it holds.
     */
    Duration idleInTransaction();

    /**
     * The limits as the first statement of a write's transaction sends them: {@code set_config(…,
     * true)} is {@code SET LOCAL}, so that they end with the transaction and never stay behind on
     * a connection a transaction-mode pooler hands to someone else. One statement, so that it
     * rides with pgjdbc's {@code BEGIN} in a single round trip.
     */
    default String setLocal() {
        return "select set_config('statement_timeout', '" + statement().toMillis() + "', true),"
                + " set_config('lock_timeout', '" + lock().toMillis() + "', true),"
                + " set_config('idle_in_transaction_session_timeout', '" + idleInTransaction().toMillis() + "', true)";
    }
}
