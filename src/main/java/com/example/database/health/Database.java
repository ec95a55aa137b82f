package com.example.database.health;

import com.example.database.config.DatabaseEndpoint;
import io.agroal.api.AgroalDataSource;

/**
 * One database the service uses, as the probes see it: its pool and what was last seen of it.
 *
 * @param state      when it last answered, and the failures since
 * @param dataSource its connection pool
 */
public record Database(DatabaseState state, AgroalDataSource dataSource) {

    public DatabaseEndpoint endpoint() {
        return state.endpoint();
    }

    /**
     * Whether every connection of the pool is in use: a new round trip would queue behind
     * requests. (Agroal's count of waiting threads is no help here: after a failed connection
     * attempt it stays above zero with no connection in use at all.)
     */
    public boolean poolSaturated() {
        long max = dataSource.getConfiguration().connectionPoolConfiguration().maxSize();
        return dataSource.getMetrics().activeCount() >= max;
    }
}
