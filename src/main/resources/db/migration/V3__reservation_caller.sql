-- Idempotency keys belong to the caller that sent them (README "Security"): with bearer tokens
-- on, the same key from two callers is two reservations. The caller is the token's subject;
-- '' when tokens are off, where every caller is the same anonymous one.

set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- A constant default: PostgreSQL 11+ adds the column without rewriting the table.
alter table reservation add column caller text not null default '';
