-- Used only by DatabaseRolesIT: a table a later migration adds, which the application's role
-- must be able to use through V2's default privileges, without a grant of its own.
create table added_later (
    id   bigint generated always as identity primary key,
    note text not null
);
