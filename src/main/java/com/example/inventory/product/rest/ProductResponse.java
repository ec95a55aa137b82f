package com.example.inventory.product.rest;

import com.example.inventory.product.Product;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;

/** A product as the API shows it. The version travels as the ETag header, not in the body. */
@Schema(name = "Product", requiredProperties = {"id", "sku", "name", "description", "price", "stock", "createdAt", "updatedAt"})
public record ProductResponse(
        long id,
        String sku,
        String name,
        @Schema(nullable = true, description = "null when the product has none.")
        String description,
        @Schema(multipleOf = 0.01, description = "Always with two decimals.")
        BigDecimal price,
        long stock,
        Instant createdAt,
        Instant updatedAt) {

    static ProductResponse from(Product product) {
        return new ProductResponse(product.id, product.sku, product.name, product.description,
                product.price, product.stock, product.createdAt, product.updatedAt);
    }
}
