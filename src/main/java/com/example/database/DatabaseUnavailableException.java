package com.example.database;

/**
 * A unit of work could not be served by the database right now, and retrying it within the
 * budget did not help: the caller should try again later (the web layer answers 503 with
 * {@code Retry-After}). Expected during an outage, so it carries no stack trace, and no cause
 * that could carry SQL or data.
 */
public final class DatabaseUnavailableException extends RuntimeException {

    private final boolean busy;

    private DatabaseUnavailableException(String message, boolean busy) {
        super(message, null, false, false);
        this.busy = busy;
    }

    /** The database did not answer: away, restarting, or waking up for longer than the budget. */
    public static DatabaseUnavailableException unreachable() {
        return new DatabaseUnavailableException("The database cannot be reached right now.", false);
    }

    /** The database answers, but every connection of the pool is in use: the service is overloaded. */
    public static DatabaseUnavailableException busy() {
        return new DatabaseUnavailableException("Every database connection is in use.", true);
    }

    /** Whether the pool was only busy, the database itself answering. */
    public boolean isBusy() {
        return busy;
    }
}
