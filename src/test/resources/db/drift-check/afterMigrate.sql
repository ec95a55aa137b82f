-- Used only by SchemaDriftIsDetectedTest, in its own schema: the migrations run, then a column
-- the entities map disappears, as if someone had changed the database by hand.
alter table product drop column if exists description;
