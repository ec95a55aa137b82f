package com.example.inventory.product.rest;

import com.example.inventory.product.Product;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;

/**
 * A product as a client sends it, to create one (POST) or replace one (PUT). The limits mirror
 * the table's constraints so that a client hears about them as a 400 naming the field.
 */
public record ProductRequest(
        @NotNull
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
                message = "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit")
        @Schema(pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", minLength = 1, maxLength = 64)
        String sku,

        @NotBlank @Size(max = 200)
        String name,

        @Size(max = 2000)
        @Schema(nullable = true, description = "Optional.")
        String description,

        @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2)
        @Schema(multipleOf = 0.01, maximum = "9999999999.99", description = "At most two decimals.")
        BigDecimal price,

        @NotNull @PositiveOrZero
        Long stock) {

    /** A new, unsaved product with these values. */
    Product toProduct() {
        Product product = new Product();
        product.sku = sku;
        product.name = name;
        product.description = description;
        // Validated to 2 decimals, so exact: 1E+2 and 9.9 are stored and shown as 100.00 and 9.90.
        product.price = price.setScale(2);
        product.stock = stock;
        return product;
    }
}
