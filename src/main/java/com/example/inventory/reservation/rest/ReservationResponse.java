package com.example.inventory.reservation.rest;

import com.example.inventory.reservation.Reservation;

import java.time.Instant;

/** A reservation as the API shows it. */
public record ReservationResponse(long id, long productId, long quantity, String idempotencyKey, Instant createdAt) {

    static ReservationResponse from(Reservation reservation) {
        return new ReservationResponse(reservation.id, reservation.productId, reservation.quantity,
                reservation.idempotencyKey, reservation.createdAt);
    }
}
