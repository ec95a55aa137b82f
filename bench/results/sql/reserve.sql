\set id random(1, 10000)
\set key random(1, 1000000000000000)
BEGIN;
insert into reservation (product_id, quantity, idempotency_key, caller, created_at) select id, '1', :key, '', '2026-12-07 15:54:19.454958+00' from product where id = :id on conflict (caller, idempotency_key) do nothing returning *;
update product p1_0 set stock=(p1_0.stock-'1'),version=(p1_0.version+1),updated_at='2026-12-07 15:54:19.485066+00' where p1_0.id=:id and p1_0.stock>='1';
COMMIT;
