package com.example.database.work;

import com.example.database.Database;
import jakarta.enterprise.context.RequestScoped;
import org.hibernate.Session;

/**
 * The attempt of a unit of work under way in this request: the database it runs on, which
 * {@link UnitOfWorkInterceptor} sets, and the Hibernate session its lag-tolerant reads query.
 * Request-scoped, as the unit of work is (it activates a request context where none is active).
 */
@RequestScoped
public class CurrentAttempt {

    private final Session requestSession;
    private Database database;
    private Session replicaSession;

    CurrentAttempt(Session requestSession) {
        this.requestSession = requestSession;
    }

    /**
     * The session a {@link UnitOfWork.Kind#REPLICA_READ} queries: one on a replica connection
     * while its attempt runs there, else the request's, on the primary, which Panache uses.
     * Read-only, and closed when the attempt ends: its entities are detached by then.
     */
    public Session session() {
        return replicaSession != null ? replicaSession : requestSession;
    }

    /** The database of the attempt under way; null outside a unit of work. */
    Database database() {
        return database;
    }

    void begin(Database database, Session replicaSession) {
        this.database = database;
        this.replicaSession = replicaSession;
    }

    void end() {
        this.database = null;
        this.replicaSession = null;
    }
}
