\set offset 20 * random(0, 99)
select p1_0.id,p1_0.created_at,p1_0.description,p1_0.name,p1_0.price,p1_0.sku,p1_0.stock,p1_0.updated_at,p1_0.version from product p1_0 order by p1_0.id offset :offset rows fetch first '20' rows only;
select count(*) from product p1_0;
