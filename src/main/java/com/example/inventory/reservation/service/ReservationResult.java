package com.example.inventory.reservation.service;

import com.example.inventory.reservation.Reservation;

/**
 * The reservation a request made, or found already made under its idempotency key.
 *
 * @param reservation the reservation
 * @param replayed    true when an earlier request with the same key made it
 */
public record ReservationResult(Reservation reservation, boolean replayed) {
}
