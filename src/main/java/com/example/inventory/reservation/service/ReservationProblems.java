package com.example.inventory.reservation.service;

import com.example.web.problem.ProblemException;
import jakarta.ws.rs.core.Response.Status;

/** The problems the reservation API answers with, beyond plain validation. */
final class ReservationProblems {

    /** RFC 9110's 422, which JAX-RS's Status enum does not name. */
    private static final int UNPROCESSABLE_CONTENT = 422;

    private ReservationProblems() {
    }

    static ProblemException insufficientStock(long productId, long quantity) {
        return new ProblemException(Status.CONFLICT, "insufficient-stock", "Insufficient stock",
                "Product " + productId + " has fewer than " + quantity + " units in stock.");
    }

    static ProblemException keyReused(String key) {
        return new ProblemException(UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                "Idempotency key reused",
                "Idempotency key '" + key + "' was already used for a different reservation.");
    }

    static ProblemException notFound(long productId, long reservationId) {
        return ProblemException.notFound(
                "Product " + productId + " has no reservation " + reservationId + ".");
    }
}
