package com.example.inventory.reservation.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A request to reserve units of a product. */
@Schema(name = "ReservationRequest")
public record ReservationRequest(@NotNull @Positive Long quantity) {
}
