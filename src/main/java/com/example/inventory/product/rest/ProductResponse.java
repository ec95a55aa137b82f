package com.example.inventory.product.rest;

import com.example.inventory.product.Product;

import java.math.BigDecimal;
import java.time.Instant;

/** A product as the API shows it. The version travels as the ETag header, not in the body. */
public record ProductResponse(
        long id,
        String sku,
        String name,
        String description,
        BigDecimal price,
        long stock,
        Instant createdAt,
        Instant updatedAt) {

    static ProductResponse from(Product product) {
        return new ProductResponse(product.id, product.sku, product.name, product.description,
                product.price, product.stock, product.createdAt, product.updatedAt);
    }
}
