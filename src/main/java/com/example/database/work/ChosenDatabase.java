package com.example.database.work;

import com.example.database.Databases;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.tenant.TenantResolver;
import jakarta.enterprise.context.RequestScoped;

/**
 * The database the current unit of work runs on, as Hibernate ORM's tenant: with
 * {@code quarkus.hibernate-orm.multitenant=DATABASE}, Hibernate asks for it when it opens the
 * session of a transaction, and {@link DatabaseConnections} gives it that database's pool. One
 * entity model serves both databases. Set by {@link ReplicaRouting}; the primary otherwise.
 */
@PersistenceUnitExtension
@RequestScoped
public class ChosenDatabase implements TenantResolver {

    private String tenant = DatabaseConnections.PRIMARY;

    void useReplica(boolean replica) {
        tenant = replica ? Databases.REPLICA : DatabaseConnections.PRIMARY;
    }

    @Override
    public String getDefaultTenantId() {
        return DatabaseConnections.PRIMARY;
    }

    @Override
    public String resolveTenantId() {
        return tenant;
    }
}
