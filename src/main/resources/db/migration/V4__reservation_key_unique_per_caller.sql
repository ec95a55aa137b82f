-- Keys are unique per caller (V3). Built CONCURRENTLY, so reservations go on being made while
-- it builds: Flyway sees CONCURRENTLY and runs this migration outside a transaction, which is
-- why it must stay the file's only statement (a SET would be a transactional one beside it).
-- Its SHARE UPDATE EXCLUSIVE lock blocks neither reads nor writes, only other schema changes,
-- so it runs without the lock and statement timeouts of the other migrations: one would only
-- cut a long build short. If the build fails half-way, PostgreSQL leaves an INVALID index
-- behind: drop it, then migrate again (IF NOT EXISTS would take it for a finished one).

-- squawk-ignore ban-concurrent-index-creation-in-transaction, prefer-robust-stmts, require-lock-timeout, require-statement-timeout
create unique index concurrently reservation_caller_idempotency_key_unique
    on reservation (caller, idempotency_key);
