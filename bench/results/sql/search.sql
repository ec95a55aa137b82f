\set n random(100, 999)
select p1_0.id,p1_0.created_at,p1_0.description,p1_0.name,p1_0.price,p1_0.sku,p1_0.stock,p1_0.updated_at,p1_0.version from product p1_0 where lower(p1_0.sku) like (select '%'||:n||'%') escape '\' or lower(p1_0.name) like (select '%'||:n||'%') escape '\' order by p1_0.id offset '0' rows fetch first '20' rows only;
select count(*) from product p1_0 where lower(p1_0.sku) like (select '%'||:n||'%') escape '\' or lower(p1_0.name) like (select '%'||:n||'%') escape '\';
