package com.example.inventory.reservation.service;

/**
 * Why a reservation was refused, in the domain's words. Expected outcomes, without a stack
 * trace; the web layer answers each with its own problem ({@code rest/ReservationProblems}).
 */
public abstract sealed class ReservationException extends RuntimeException {

    private ReservationException(String message) {
        super(message, null, false, false);
    }

    /** The product has fewer units in stock than asked for. */
    public static final class InsufficientStock extends ReservationException {
        InsufficientStock(long productId, long quantity) {
            super("Product " + productId + " has fewer than " + quantity + " units in stock.");
        }
    }

    /** The idempotency key already belongs to a different reservation. */
    public static final class KeyReused extends ReservationException {
        KeyReused(String key) {
            super("Idempotency key '" + key + "' was already used for a different reservation.");
        }
    }

    /** The product has no reservation with this id. */
    public static final class NotFound extends ReservationException {
        NotFound(long productId, long reservationId) {
            super("Product " + productId + " has no reservation " + reservationId + ".");
        }
    }
}
