package com.example.database;

import java.util.Optional;

/**
 * A unit of work could not be served by the database right now, and retrying it within the
 * budget did not help: the caller should try again later (the web layer answers 503 with
 * {@code Retry-After}). Expected during an outage, so it carries no stack trace, and no cause
 * that could carry SQL or data.
 */
public final class DatabaseUnavailableException extends RuntimeException {

    /** Why the database could not serve the unit of work. */
    public enum Reason {
        /** The database did not answer: away, restarting, or waking up for longer than the budget. */
        UNREACHABLE,
        /** The database answers, but every connection of the pool is in use: the service is overloaded. */
        BUSY,
        /**
         * The database answers, but ended the work at a deadline: a statement timeout, a lock
         * timeout, an idle transaction (README "Deadlines"). Whatever it wrote was rolled back.
         */
        TIMED_OUT
    }

    private final Reason reason;
    private final String sqlState;

    private DatabaseUnavailableException(String message, Reason reason, String sqlState) {
        super(message, null, false, false);
        this.reason = reason;
        this.sqlState = sqlState;
    }

    public static DatabaseUnavailableException unreachable() {
        return new DatabaseUnavailableException("The database cannot be reached right now.", Reason.UNREACHABLE, null);
    }

    public static DatabaseUnavailableException busy() {
        return new DatabaseUnavailableException("Every database connection is in use.", Reason.BUSY, null);
    }

    /** @param sqlState the SQLSTATE of the limit that ended the last attempt */
    public static DatabaseUnavailableException timedOut(String sqlState) {
        return new DatabaseUnavailableException("The database ended the work at a deadline (SQLSTATE " + sqlState + ").",
                Reason.TIMED_OUT, sqlState);
    }

    public Reason reason() {
        return reason;
    }

    /** The SQLSTATE of a {@link Reason#TIMED_OUT}; empty for the other reasons. */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }
}
