package com.example.database.work;

import com.example.database.Databases;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.customized.QuarkusConnectionProvider;
import io.quarkus.hibernate.orm.runtime.tenant.TenantConnectionResolver;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;

/**
 * Hibernate ORM's connections for each tenant ({@link ChosenDatabase}): the replica's pool for
 * {@code replica}, the primary's (the default datasource) for anything else. Quarkus's own
 * resolver would want every tenant to be a named datasource, and the primary is the default one.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class DatabaseConnections implements TenantConnectionResolver {

    static final String PRIMARY = "primary";

    private final Databases databases;

    DatabaseConnections(Databases databases) {
        this.databases = databases;
    }

    @Override
    public ConnectionProvider resolve(String tenant) {
        return new QuarkusConnectionProvider(Databases.REPLICA.equals(tenant)
                ? databases.replica().orElseThrow().dataSource()
                : databases.primary().dataSource());
    }
}
