package com.example.database.work;

import com.example.database.Database;
import com.example.database.Databases;
import io.quarkus.arc.Arc;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.tenant.TenantConnectionResolver;
import io.quarkus.hibernate.orm.runtime.tenant.TenantResolver;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.service.UnknownUnwrapTypeException;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Hibernate ORM's connections: each one from the pool of the database the current attempt of a
 * unit of work runs on ({@link CurrentDatabase}), the primary's outside a unit of work. Chosen
 * when Hibernate asks for the connection, not when it opens a session: a read runs outside a
 * transaction, in the request's session, where Hibernate takes a connection for each query and
 * gives it back when the query is done; so the attempt that runs a read again on the primary,
 * after the replica failed, uses the same session with the primary's connections.
 *
 * <p>Quarkus lets an application give Hibernate its connections through database multitenancy
 * only ({@code quarkus.hibernate-orm.multitenant=DATABASE}): hence the tenant, a single one.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class DatabaseConnections implements TenantResolver, TenantConnectionResolver {

    private static final String THE_ONLY_TENANT = "databases";

    private final ConnectionProvider connections;

    DatabaseConnections(Databases databases, CurrentDatabase current) {
        this.connections = new FromCurrentDatabase(databases.primary(), current);
    }

    @Override
    public String getDefaultTenantId() {
        return THE_ONLY_TENANT;
    }

    @Override
    public String resolveTenantId() {
        return THE_ONLY_TENANT;
    }

    @Override
    public ConnectionProvider resolve(String tenant) {
        return connections;
    }

    private record FromCurrentDatabase(Database primary, CurrentDatabase current) implements ConnectionProvider {

        @Override
        public Connection getConnection() throws SQLException {
            Database database = Arc.container().requestContext().isActive() ? current.get() : null;
            return (database == null ? primary : database).dataSource().getConnection();
        }

        @Override
        public void closeConnection(Connection connection) throws SQLException {
            connection.close(); // back to the pool it came from
        }

        @Override
        public boolean supportsAggressiveRelease() {
            return true;
        }

        @Override
        public boolean isUnwrappableAs(Class<?> type) {
            return type.isInstance(this);
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            throw new UnknownUnwrapTypeException(type);
        }
    }
}
