package com.example.database;

import org.postgresql.util.PSQLException;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a database that is away for now (a Neon compute suspending, restarting or waking up,
 * a network blip, a full server) from one that refuses for good (bad SQL, a constraint, wrong
 * credentials). Only the first is worth a retry, a 503 and a wait. A third kind, a deadline the
 * database enforced ({@link #isTimeout}), is a 503 too, but not an outage.
 */
public final class TransientFailure {

    /**
     * SQLSTATEs of a database that is away: admin shutdown, crash shutdown, cannot connect now
     * (57P01-03), the connection exception class (08), and too many connections (53300).
     */
    private static final Set<String> TRANSIENT_STATES =
            Set.of("57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006", "53300");

    /** How many wrapped exceptions are looked at, at most: enough for any real chain. */
    private static final int MAX_CAUSES = 64;

    /** Agroal's message when no connection could be had within the acquisition timeout. */
    private static final String ACQUISITION_TIMEOUT = "acquisition timeout";

    /** Messages that carry no SQLSTATE but mean the same. */
    private static final Set<String> TRANSIENT_MESSAGES = Set.of(
            "couldn't connect to compute node",          // Neon's proxy while a compute restarts
            ACQUISITION_TIMEOUT,                          // Agroal: no connection in time
            "this connection has been closed",            // pgjdbc, after the server cut it
            "an i/o error occurred while sending to the backend",
            "interrupted while attempting to connect");   // pgjdbc, when the pool gave up a new connection

    private TransientFailure() {
    }

    /** Whether {@code failure}, or anything it wraps, says the database is away for now. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause : causes(failure)) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                if (TRANSIENT_STATES.contains(sql.getSQLState())) {
                    return true;
                }
            }
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLRecoverableException
                    || cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof SocketTimeoutException || cause instanceof EOFException
                    || cause instanceof SocketException) {
                return true;
            }
            String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
            if (TRANSIENT_MESSAGES.stream().anyMatch(message::contains)) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATEs of a limit the database enforced on a unit of work (README "Deadlines"): a
     * statement cancelled by its timeout or by the driver (57014), a lock not obtained in time
     * (55P03), a session ended for idling in a transaction (25P03).
     */
    private static final Set<String> TIMEOUT_STATES = Set.of("57014", "55P03", "25P03");

    /**
     * Whether {@code failure} is a deadline the database enforced: the database answers, but
     * this work took too long or waited too long for a lock. Not an outage: nothing is wrong
     * with the connection (except after 25P03, whose session the server ended).
     */
    public static boolean isTimeout(Throwable failure) {
        return sqlState(failure).filter(TIMEOUT_STATES::contains).isPresent();
    }

    /** SQLSTATEs that only a connection attempt raises: no statement was sent. */
    private static final Set<String> CONNECTING_STATES = Set.of("08001", "08004", "57P03", "53300");

    /** Messages of a connection that could not be had, at which point no statement was sent. */
    private static final Set<String> CONNECTING_MESSAGES = Set.of(
            "unable to acquire jdbc connection",          // Hibernate, when the pool failed it
            ACQUISITION_TIMEOUT,
            "couldn't connect to compute node");

    /**
     * Whether {@code failure} happened while getting a connection, before any statement of the
     * unit of work was sent: then even a write that is not idempotent can run again safely.
     * A failure later on is ambiguous for a write (the commit may have been applied and only its
     * answer lost), so it is not counted here.
     */
    public static boolean nothingReachedTheDatabase(Throwable failure) {
        for (Throwable cause : causes(failure)) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && CONNECTING_STATES.contains(sql.getSQLState())) {
                return true;
            }
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                return true;
            }
            String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
            if (CONNECTING_MESSAGES.stream().anyMatch(message::contains)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether no connection could be had from the pool in time. That is an outage when the pool
     * was waiting for a new connection, and only load when every connection was in use.
     */
    public static boolean isAcquisitionTimeout(Throwable failure) {
        for (Throwable cause : causes(failure)) {
            if (cause.getMessage() != null && cause.getMessage().toLowerCase(Locale.ROOT).contains(ACQUISITION_TIMEOUT)) {
                return true;
            }
        }
        return false;
    }

    /** The first SQLSTATE {@code failure} or its causes carry. */
    public static Optional<String> sqlState(Throwable failure) {
        for (Throwable cause : causes(failure)) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }

    /**
     * The server's own message of the first SQLSTATE {@code failure} carries, without the
     * statement or its detail. Only for SQLSTATEs whose message names objects, never data.
     */
    public static Optional<String> serverMessage(Throwable failure) {
        for (Throwable cause : causes(failure)) {
            if (cause instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                return Optional.ofNullable(psql.getServerErrorMessage().getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * {@code failure} and everything it wraps: its causes, and what was suppressed on the way. A
     * commit that failed because the server cut the connection shows it only there: Narayana
     * throws a {@code RollbackException} without a cause, with the driver's exception (57P01,
     * 08006) suppressed in it.
     */
    static List<Throwable> causes(Throwable failure) {
        List<Throwable> found = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> toVisit = new ArrayDeque<>(List.of(failure));
        while (!toVisit.isEmpty() && found.size() < MAX_CAUSES) {
            Throwable next = toVisit.removeFirst();
            if (seen.add(next)) {
                found.add(next);
                if (next.getCause() != null) {
                    toVisit.addFirst(next.getCause());
                }
                toVisit.addAll(List.of(next.getSuppressed()));
            }
        }
        return found;
    }

    /**
     * A short reason for logs: the SQLSTATE and the kind of failure, never the message (which
     * can hold SQL or data).
     */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            root = cause;
        }
        return "SQLSTATE " + sqlState(failure).orElse("none") + ", " + root.getClass().getSimpleName();
    }
}
