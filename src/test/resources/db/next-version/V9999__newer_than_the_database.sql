-- Used only by SchemaBehindTest: a migration this "build" ships and its database lacks.
create table schema_behind_marker (id bigint primary key);
