package com.example.inventory.reservation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.CreationTimestamp;

import java.time.Instant;

/**
 * Units of a product taken out of stock, once per idempotency key. Reservations are never
 * changed after they are made.
 */
@Entity
@Table(name = "reservation")
public class Reservation extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The reserved product; a foreign key, so the product cannot be deleted under it. */
    @Column(name = "product_id", nullable = false, updatable = false)
    public long productId;

    @Column(nullable = false, updatable = false)
    public long quantity;

    /** The client's key for this reservation, unique among its caller's reservations. */
    @Column(name = "idempotency_key", nullable = false, updatable = false)
    public String idempotencyKey;

    /** Who made it: the subject of the caller's token, or {@code ""} when tokens are off. */
    @Column(nullable = false, updatable = false)
    public String caller;

    @CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
}
