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

    /**
     * A table the role cannot even see (to_regclass finds nothing) lacks USAGE on its schema:
     * the search path skips schemas the role may not use. A table not migrated yet looks the
     * same; the schema version check names that case.
     */
    private static final String MISSING_PRIVILEGES = """
            select case when to_regclass(t.name) is null then 'USAGE on the schema of ' || t.name
                        else p.privilege || ' on ' || t.name end
            from unnest(?::text[]) as t(name)
            cross join unnest(?::text[]) with ordinality as p(privilege, position)
            where (to_regclass(t.name) is null and p.position = 1)
               or not has_table_privilege(current_user, to_regclass(t.name), p.privilege)
            order by t.name, p.position
            """;
    private static final String SCHEMA_CHANGE_RIGHTS = """
            select r.rolsuper, r.rolcreatedb, r.rolcreaterole,
                   exists (select 1 from pg_roles s where s.rolname = 'neon_superuser'
                           and pg_has_role(current_user, s.oid, 'MEMBER')) as neon_superuser,
                   has_database_privilege(current_user, current_database(), 'CREATE') as may_create_schemas,
                   current_database() as database,
                   pg_has_role(current_user, n.nspowner, 'USAGE') as owns_schema,
                   has_schema_privilege(current_user, n.oid, 'CREATE') as may_create,
                   n.nspname,
                   (select string_agg(c.relname, ', ' order by c.relname) from pg_class c
                    where c.relnamespace = n.oid and c.relname = any(?::text[])
                      and pg_has_role(current_user, c.relowner, 'USAGE')) as owned_tables
            from pg_roles r left join pg_namespace n on n.nspname = current_schema()
            where r.rolname = current_user
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
                    missing.add(rows.getString(1));
                }
            }
        }
        return missing;
    }

    /**
     * Why the role could change the schema (create, alter or drop tables) or grant itself more,
     * as "owns schema public"; empty if it cannot. Neon's default owner role, and every role made
     * in its Console (a member of neon_superuser), can: fine for a start, not for production.
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
                if (row.getBoolean("neon_superuser")) {
                    reasons.add("is a member of neon_superuser");
                }
                if (row.getBoolean("rolcreatedb")) {
                    reasons.add("may create databases");
                }
                if (row.getBoolean("rolcreaterole")) {
                    reasons.add("may create roles");
                }
                if (row.getBoolean("may_create_schemas")) {
                    reasons.add("may create schemas in database " + row.getString("database"));
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
