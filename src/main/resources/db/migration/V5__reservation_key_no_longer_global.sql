-- A key is now unique per caller only (V4's index); the global constraint of V1 goes.

set local lock_timeout = '5s';
set local statement_timeout = '60s';

alter table reservation drop constraint reservation_idempotency_key_unique;
