package com.example.inventory.product.service;

/**
 * Why a product operation was refused, in the domain's words. These are expected outcomes, not
 * bugs, so they carry no stack trace; the web layer answers each with its own problem
 * ({@code rest/ProductProblems}).
 */
public abstract sealed class ProductException extends RuntimeException {

    private ProductException(String message) {
        super(message, null, false, false);
    }

    /** There is no product with this id. */
    public static final class NotFound extends ProductException {
        public NotFound(long id) {
            super("Product " + id + " does not exist.");
        }
    }

    /** Another product already has this SKU. */
    public static final class SkuTaken extends ProductException {
        SkuTaken(String sku) {
            super("Another product already has SKU '" + sku + "'.");
        }
    }

    /** Reservations refer to the product, so it stays. */
    public static final class HasReservations extends ProductException {
        HasReservations(long id) {
            super("Product " + id + " has reservations and cannot be deleted.");
        }
    }

    /** The product is no longer at a version the caller's condition accepts. */
    public static final class VersionMismatch extends ProductException {
        public VersionMismatch(long id) {
            super("Product " + id + " has changed since the If-Match version; read it again and retry.");
        }
    }

    /** Another transaction changed the product between this one's read and its write. */
    public static final class ConcurrentUpdate extends ProductException {
        ConcurrentUpdate(long id) {
            super("Product " + id + " was changed by another request; read it again and retry.");
        }
    }
}
