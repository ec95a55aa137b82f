-- The application connects as the user of DATABASE_URL; migrations run as the schema's owner
-- over the direct URL (README "Database roles"). The application may read and change rows, and
-- nothing else: no CREATE, no ALTER, no DROP, no ownership. ${application_role} is that user,
-- filled in by com.example.database.migrate.ApplicationRolePlaceholder. When both URLs name the
-- same user, as with Neon's single-owner default, every statement here changes nothing.

set local lock_timeout = '5s';
set local statement_timeout = '60s';

grant usage on schema ${flyway:defaultSchema} to "${application_role}";
grant select, insert, update, delete on table product, reservation to "${application_role}";
grant usage, select on all sequences in schema ${flyway:defaultSchema} to "${application_role}";
-- The started probe reads the schema version (com.example.database.health.SchemaVersionCheck).
grant select on table ${flyway:table} to "${application_role}";

-- Tables and sequences that later migrations create, as the same owner, get the same grants.
alter default privileges in schema ${flyway:defaultSchema}
    grant select, insert, update, delete on tables to "${application_role}";
alter default privileges in schema ${flyway:defaultSchema}
    grant usage, select on sequences to "${application_role}";
