package com.example.database.role;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the role the application connects as (the user of {@code DATABASE_URL}) may do to the
 * tables the entities map: it needs to read and change their rows (migration V2 grants exactly
 * that), and should be able to do nothing else (README "Database roles"). Asked of a connection
 * of the application's own pool, so it is that role's view.
 */
@ApplicationScoped
public class ApplicationRole {

    /** What each entity's table needs: every unit of work reads, inserts, updates or deletes rows. */
    static final List<String> ROW_PRIVILEGES = List.of("SELECT", "INSERT", "UPDATE", "DELETE");

    private static final String MISSING_PRIVILEGES = """
            select t.name, p.privilege
            from unnest(?::text[]) as t(name)
            cross join unnest(?::text[]) with ordinality as p(privilege, position)
            where to_regclass(t.name) is not null
              and not has_table_privilege(current_user, to_regclass(t.name), p.privilege)
            order by t.name, p.position
            """;
    private static final String SCHEMA_CHANGE_RIGHTS = """
            select r.rolsuper,
                   pg_has_role(current_user, n.nspowner, 'USAGE') as owns_schema,
                   has_schema_privilege(current_user, n.oid, 'CREATE') as may_create,
                   n.nspname,
                   (select string_agg(c.relname, ', ' order by c.relname) from pg_class c
                    where c.relnamespace = n.oid and c.relname = any(?::text[])
                      and pg_has_role(current_user, c.relowner, 'USAGE')) as owned_tables
            from pg_roles r, pg_namespace n
            where r.rolname = current_user and n.nspname = current_schema()
            """;

    private final List<String> tables;

    ApplicationRole(EntityManagerFactory entityManagerFactory) {
        List<String> names = new ArrayList<>();
        entityManagerFactory.unwrap(SessionFactoryImplementor.class).getMappingMetamodel()
                .forEachEntityDescriptor(entity -> names.add(entity.getMappedTableDetails().getTableName()));
        this.tables = names.stream().distinct().sorted().toList();
    }

    /** The tables the entities map. */
    public List<String> tables() {
        return tables;
    }

    /** Each privilege the entities need that the role lacks, as "DELETE on reservation"; empty if none. */
    public List<String> missingPrivileges(Connection connection) throws SQLException {
        List<String> missing = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(MISSING_PRIVILEGES)) {
            query.setArray(1, textArray(connection, tables));
            query.setArray(2, textArray(connection, ROW_PRIVILEGES));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    missing.add(rows.getString(2) + " on " + rows.getString(1));
                }
            }
        }
        return missing;
    }

    /**
     * Why the role could change the schema (create, alter or drop tables), as "owns schema
     * public"; empty if it cannot. Neon's default single owner role can: fine for a start, not
     * for production.
     */
    public List<String> schemaChangeRights(Connection connection) throws SQLException {
        List<String> reasons = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(SCHEMA_CHANGE_RIGHTS)) {
            query.setArray(1, textArray(connection, tables));
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return reasons;
                }
                String schema = row.getString("nspname");
                if (row.getBoolean("rolsuper")) {
                    reasons.add("is a superuser");
                }
                if (row.getBoolean("owns_schema")) {
                    reasons.add("owns schema " + schema);
                }
                if (row.getBoolean("may_create")) {
                    reasons.add("may CREATE in schema " + schema);
                }
                if (row.getString("owned_tables") != null) {
                    reasons.add("owns " + row.getString("owned_tables"));
                }
            }
        }
        return reasons;
    }

    private static Array textArray(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }
}
