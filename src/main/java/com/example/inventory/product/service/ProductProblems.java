package com.example.inventory.product.service;

import com.example.web.problem.ProblemException;
import com.example.web.problem.ProblemTypes;
import jakarta.ws.rs.core.Response.Status;

/** The problems the product API answers with, beyond plain validation. */
public final class ProductProblems {

    static final String SKU_TAKEN = "sku-taken";
    static final String PRODUCT_HAS_RESERVATIONS = "product-has-reservations";

    private ProductProblems() {
    }

    public static ProblemException notFound(long id) {
        return ProblemException.notFound("Product " + id + " does not exist.");
    }

    static ProblemException skuTaken(String sku) {
        return new ProblemException(Status.CONFLICT, SKU_TAKEN, "SKU already in use",
                "Another product already has SKU '" + sku + "'.");
    }

    static ProblemException hasReservations(long id) {
        return new ProblemException(Status.CONFLICT, PRODUCT_HAS_RESERVATIONS, "Product has reservations",
                "Product " + id + " has reservations and cannot be deleted.");
    }

    public static ProblemException versionMismatch(long id) {
        return new ProblemException(Status.PRECONDITION_FAILED, ProblemTypes.PRECONDITION_FAILED,
                "Precondition failed",
                "Product " + id + " has changed since the If-Match version; read it again and retry.");
    }

    static ProblemException concurrentUpdate(long id) {
        return new ProblemException(Status.CONFLICT, ProblemTypes.CONCURRENT_UPDATE, "Concurrent update",
                "Product " + id + " was changed by another request; read it again and retry.");
    }
}
