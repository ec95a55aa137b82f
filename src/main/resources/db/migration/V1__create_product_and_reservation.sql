-- The inventory example: products and the stock reservations made against them.
-- Every rule the API promises is also a constraint here: the database has the last word.

-- Flyway runs each migration in one transaction: SET LOCAL bounds this one only. A migration
-- that waits on a busy table's lock gives up instead of stalling the application behind it.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create table product (
    id          bigint generated always as identity primary key,
    sku         text           not null,
    name        text           not null,
    description text,
    price       numeric(12, 2) not null,
    stock       bigint         not null,
    -- Optimistic lock: bumped on every change, exposed as the ETag.
    version     bigint         not null default 0,
    created_at  timestamptz    not null default now(),
    updated_at  timestamptz    not null default now(),
    constraint product_sku_unique unique (sku),
    constraint product_sku_length check (char_length(sku) between 1 and 64),
    constraint product_name_length check (char_length(name) between 1 and 200),
    constraint product_description_length check (char_length(description) <= 2000),
    constraint product_price_not_negative check (price >= 0),
    constraint product_stock_not_negative check (stock >= 0)
);

create table reservation (
    id              bigint generated always as identity primary key,
    product_id      bigint      not null,
    quantity        bigint      not null,
    -- Chosen by the client; a repeated key returns the first reservation instead of a second one.
    idempotency_key text        not null,
    created_at      timestamptz not null default now(),
    -- No cascade: a product with reservations cannot be deleted, so no reservation is lost.
    constraint reservation_product_fk foreign key (product_id) references product (id),
    constraint reservation_quantity_positive check (quantity > 0),
    constraint reservation_idempotency_key_unique unique (idempotency_key),
    constraint reservation_idempotency_key_length check (char_length(idempotency_key) between 1 and 255)
);

-- Lists a product's reservations in order, and backs the foreign key when a product is deleted.
create index reservation_product_id_idx on reservation (product_id, id);
