package com.example.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A database away for now, against one that refuses for good, and one that ended work at a deadline. */
class TransientFailureTest {

    private static RuntimeException wrapped(Throwable cause) {
        return new RuntimeException("Hibernate or JPA around it", new IllegalStateException("more layers", cause));
    }

    @ParameterizedTest
    @ValueSource(strings = {"57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006", "53300"})
    void stateOfADatabaseThatIsAwayIsTransient(String sqlState) {
        assertTrue(TransientFailure.isTransient(wrapped(new SQLException("away", sqlState))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "23503", "42P01", "42601", "28P01", "28000", "3D000", "40001", "22021"})
    void stateOfARefusalIsNot(String sqlState) {
        assertFalse(TransientFailure.isTransient(wrapped(new SQLException("refused", sqlState))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"57014", "55P03", "25P03"})
    void aDeadlineTheDatabaseEnforcedIsATimeoutNotAnOutage(String sqlState) {
        RuntimeException failure = wrapped(new SQLException("ended at a limit", sqlState));

        assertTrue(TransientFailure.isTimeout(failure));
        assertFalse(TransientFailure.isTransient(failure));
    }

    @ParameterizedTest
    @ValueSource(strings = {"57P01", "08006", "23505", "40001", "53300"})
    void otherStatesAreNoTimeout(String sqlState) {
        assertFalse(TransientFailure.isTimeout(wrapped(new SQLException("not a limit", sqlState))));
    }

    @Test
    void ioFailuresOnTheWayAreTransient() {
        assertTrue(TransientFailure.isTransient(wrapped(new ConnectException("Connection refused"))));
        assertTrue(TransientFailure.isTransient(wrapped(new SocketTimeoutException("Read timed out"))));
        assertTrue(TransientFailure.isTransient(wrapped(new EOFException())));
        assertTrue(TransientFailure.isTransient(new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE)));
    }

    @Test
    void messagesWithoutAStateAreRecognised() {
        assertTrue(TransientFailure.isTransient(wrapped(new SQLException("ERROR: Couldn't connect to compute node"))));
        assertTrue(TransientFailure.isTransient(wrapped(new SQLException("Acquisition timeout while waiting for new connection"))));
        assertTrue(TransientFailure.isTransient(wrapped(new SQLException("This connection has been closed."))));
        // pgjdbc, when a new connection the pool was opening is abandoned (seen during a recovery)
        assertTrue(TransientFailure.isTransient(wrapped(new SQLException("Something unusual has occurred to cause the"
                + " driver to fail. Please report this exception.", "XX000",
                new RuntimeException("Interrupted while attempting to connect.")))));
    }

    @Test
    void aConnectionThatCouldNotBeHadMeansNothingReachedTheDatabase() {
        assertTrue(TransientFailure.nothingReachedTheDatabase(wrapped(new SQLException("connect failed", "08001"))));
        assertTrue(TransientFailure.nothingReachedTheDatabase(wrapped(new SQLException("too many clients", "53300"))));
        assertTrue(TransientFailure.nothingReachedTheDatabase(wrapped(new ConnectException("Connection refused"))));
        assertTrue(TransientFailure.nothingReachedTheDatabase(
                new RuntimeException("Unable to acquire JDBC Connection", new SQLException("terminated", "57P01"))));
    }

    @Test
    void aFailureAfterTheConnectionWasHadMayHaveReachedIt() {
        assertFalse(TransientFailure.nothingReachedTheDatabase(wrapped(new SQLException("terminated", "57P01"))));
        assertFalse(TransientFailure.nothingReachedTheDatabase(wrapped(new SQLException("I/O error", "08006"))));
        assertFalse(TransientFailure.nothingReachedTheDatabase(wrapped(new SocketTimeoutException("Read timed out"))));
    }

    @Test
    void aCommitTheServerCutIsTransientThoughItsCauseIsOnlySuppressed() {
        // What Narayana throws when the connection is terminated under a commit: no cause, the
        // driver's exception suppressed in an XAException suppressed in the RollbackException.
        RuntimeException commitFailed = new RuntimeException("ARJUNA016053: Could not commit transaction.");
        Exception xa = new Exception("Error trying to transactionCommit local transaction",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        commitFailed.addSuppressed(xa);

        assertTrue(TransientFailure.isTransient(wrapped(commitFailed)));
        assertEquals(Optional.of("57P01"), TransientFailure.sqlState(wrapped(commitFailed)));
        assertFalse(TransientFailure.nothingReachedTheDatabase(wrapped(commitFailed)), "a commit reached the database");
    }

    @Test
    void aChainThatRefersBackToItselfEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.addSuppressed(second);

        assertFalse(TransientFailure.isTransient(second));
    }

    @Test
    void anUnknownHostIsAConfigurationErrorNotAnOutage() {
        assertFalse(TransientFailure.isTransient(wrapped(new UnknownHostException("ep-typo.neon.tech"))));
    }

    @Test
    void sqlStateIsFoundUnderWrappersAndDescribedWithoutTheMessage() {
        RuntimeException failure = wrapped(new SQLException("password=hunter2 leaked into a message", "57P01"));

        assertEquals(Optional.of("57P01"), TransientFailure.sqlState(failure));
        assertEquals("SQLSTATE 57P01, SQLException", TransientFailure.describe(failure));
    }
}
