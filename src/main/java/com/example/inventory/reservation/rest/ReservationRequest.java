package com.example.inventory.reservation.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** A request to reserve units of a product. */
public record ReservationRequest(@NotNull @Positive Long quantity) {
}
