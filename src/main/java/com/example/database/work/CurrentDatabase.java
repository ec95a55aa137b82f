package com.example.database.work;

import com.example.database.Database;
import jakarta.enterprise.context.RequestScoped;

/**
 * The database the current attempt of a unit of work runs on, while it runs: {@link UnitOfWorkInterceptor}
 * sets it, {@link DatabaseConnections} takes each of the attempt's connections from its pool.
 * Request-scoped, as the unit of work is (it activates a request context where none is active).
 */
@RequestScoped
public class CurrentDatabase {

    private Database database;

    /** The database of the attempt under way; null outside a unit of work. */
    Database get() {
        return database;
    }

    void set(Database database) {
        this.database = database;
    }
}
