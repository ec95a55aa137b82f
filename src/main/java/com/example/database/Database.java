package com.example.database;

import com.example.database.config.DatabaseEndpoint;
import io.agroal.api.AgroalDataSource;

/**
 * One database the service uses: its connection pool, and what was last seen of it.
 *
 * @param state      when it last answered, and the failures since
 * @param dataSource its connection pool
 */
public record Database(DatabaseState state, AgroalDataSource dataSource) {

    public DatabaseEndpoint endpoint() {
        return state.endpoint();
    }

    /** The JDBC URL its pool connects with (no credentials, unless a JDBC URL was given with them inside). */
    public String jdbcUrl() {
        return jdbcUrl(dataSource);
    }

    static String jdbcUrl(AgroalDataSource dataSource) {
        return dataSource.getConfiguration().connectionPoolConfiguration().connectionFactoryConfiguration().jdbcUrl();
    }

    /**
     * Has the pool close those of its idle connections that no longer work, and only those: Agroal
     * validates each, in its own thread. For when a connection was found cut: a restart of the
     * server, or a terminate of its backends, cuts every connection at once, and each one left in
     * the pool would fail a request's attempt of its own before the pool replaced it.
     */
    public void dropDeadConnections() {
        dataSource.flush(AgroalDataSource.FlushMode.INVALID);
    }

    /**
     * Whether every connection of the pool is in use: a new unit of work or round trip would
     * queue behind them. (Agroal's count of waiting threads is no help here: after a failed
     * connection attempt it stays above zero with no connection in use at all.)
     */
    public boolean poolSaturated() {
        return dataSource.getMetrics().activeCount() >= dataSource.getConfiguration().connectionPoolConfiguration().maxSize();
    }
}
