package com.example.inventory.reservation.rest;

import com.example.inventory.reservation.Reservation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Optional;

/**
 * A reservation as the API shows it. Its idempotency key only to the caller that made it
 * ({@code null} to anyone else): a key is the caller's handle on its request, not public data.
 */
@Schema(name = "Reservation", requiredProperties = {"id", "productId", "quantity", "idempotencyKey", "createdAt"})
public record ReservationResponse(long id, long productId, long quantity,
                                  @Schema(nullable = true, description = "The key it was made with, shown to the caller"
                                          + " that made it only; null to anyone else.")
                                  String idempotencyKey,
                                  Instant createdAt) {

    /** {@code reservation} as {@code viewer} sees it (empty: a caller that cannot be told). */
    static ReservationResponse from(Reservation reservation, Optional<String> viewer) {
        String key = viewer.filter(reservation.caller::equals).map(caller -> reservation.idempotencyKey).orElse(null);
        return new ReservationResponse(reservation.id, reservation.productId, reservation.quantity, key,
                reservation.createdAt);
    }
}
