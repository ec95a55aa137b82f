\set id random(1, 10000)
select p1_0.id,p1_0.created_at,p1_0.description,p1_0.name,p1_0.price,p1_0.sku,p1_0.stock,p1_0.updated_at,p1_0.version from product p1_0 where p1_0.id=:id;
