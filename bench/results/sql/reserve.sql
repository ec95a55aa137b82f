\set id random(1, 10000)
\set key random(1, 1000000000000000)
BEGIN;
insert into reservation (product_id, quantity, idempotency_key, created_at) select id, '1', :key, '2026-12-02 17:51:48.770813+00' from product where id = :id on conflict (idempotency_key) do nothing returning *;
update product p1_0 set stock=(p1_0.stock-'1'),version=(p1_0.version+1),updated_at='2026-12-02 17:51:48.792685+00' where p1_0.id=:id and p1_0.stock>='1';
COMMIT;
