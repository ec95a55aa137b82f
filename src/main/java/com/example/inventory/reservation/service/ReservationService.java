package com.example.inventory.reservation.service;

import com.example.database.ConstraintViolations;
import com.example.database.work.CurrentAttempt;
import com.example.database.work.UnitOfWork;
import com.example.database.work.UnitOfWork.Kind;
import com.example.inventory.product.Product;
import com.example.inventory.product.service.ProductException;
import com.example.inventory.product.service.ProductService;
import com.example.inventory.reservation.Reservation;
import com.example.web.paging.PageRequest;
import com.example.web.paging.PageResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import org.hibernate.Session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reservations take stock out of a product, exactly once per caller and idempotency key, and
 * never more than the product has, however many requests race. Each method is one unit of work.
 */
@ApplicationScoped
@UnitOfWork(Kind.WRITE)
public class ReservationService {

    /** Attributes a client may sort a product's reservations by. */
    public static final Set<String> SORTABLE = Set.of("id", "quantity", "createdAt");

    /**
     * Inserts the reservation unless the caller's key exists; a key in use by a transaction
     * still in flight makes this wait for it, then do nothing. Selecting from product makes a
     * missing product insert nothing, instead of failing on the foreign key.
     */
    private static final String INSERT_UNLESS_KEY_EXISTS = """
            insert into reservation (product_id, quantity, idempotency_key, caller, created_at)
            select id, :quantity, :key, :caller, :createdAt from product where id = :productId
            on conflict (caller, idempotency_key) do nothing
            returning *
            """;
    private static final String RESERVATION_PRODUCT_FK = "reservation_product_fk";

    private final ProductService products;
    private final CurrentAttempt attempt;

    ReservationService(ProductService products, CurrentAttempt attempt) {
        this.products = products;
        this.attempt = attempt;
    }

    /**
     * Reserves {@code quantity} units of a product under the caller's idempotency key: keys of
     * different callers never meet ({@code caller} is {@code ""} when callers are not told apart).
     *
     * <p>The reservation row is inserted first and the stock decremented second, in one
     * transaction: a replayed key finds the row and never touches stock, and the conditional
     * decrement ({@link ProductService#takeStock}) cannot oversell. Insufficient stock rolls the
     * row back with everything else.
     *
     * <p>Relies on PostgreSQL's default isolation, READ COMMITTED: the look-up after a conflict
     * sees the row the other transaction committed. Under REPEATABLE READ it would fail with a
     * serialization error instead.
     *
     * <p>Safe to run again after any failure: the key makes a second run find the first result.
     */
    @UnitOfWork(Kind.IDEMPOTENT_WRITE)
    public ReservationResult reserve(long productId, long quantity, String idempotencyKey, String caller) {
        Optional<Reservation> inserted = insertUnlessKeyExists(productId, quantity, idempotencyKey, caller);
        if (inserted.isEmpty()) {
            Reservation earlier = Reservation.<Reservation>find("caller = ?1 and idempotencyKey = ?2", caller, idempotencyKey)
                    .firstResultOptional()
                    .orElseThrow(() -> new ProductException.NotFound(productId));
            if (earlier.productId != productId || earlier.quantity != quantity) {
                throw new ReservationException.KeyReused(idempotencyKey);
            }
            return new ReservationResult(earlier, true);
        }
        if (!products.takeStock(productId, quantity)) {
            throw new ReservationException.InsufficientStock(productId, quantity);
        }
        return new ReservationResult(inserted.get(), false);
    }

    /** A page of the product's reservations, from the read replica when there is one: it may lag a little. */
    @UnitOfWork(Kind.REPLICA_READ)
    public PageResponse<Reservation> list(long productId, PageRequest page) {
        Session session = attempt.session(); // the replica's, while this attempt runs there
        List<Reservation> items = session
                .createSelectionQuery("from Reservation where productId = :product" + page.orderBy(), Reservation.class)
                .setParameter("product", productId)
                .setPage(page.queryPage())
                .getResultList();
        if (items.isEmpty() && session.find(Product.class, productId) == null) {
            throw new ProductException.NotFound(productId);
        }
        return PageResponse.of(items, page, () -> session.createSelectionQuery(
                "select count(*) from Reservation where productId = :product", Long.class)
                .setParameter("product", productId)
                .getSingleResult());
    }

    /** One reservation, as the primary has it: a client reads the Location of its new reservation at once. */
    @UnitOfWork(Kind.READ)
    public Reservation find(long productId, long reservationId) {
        return Reservation.<Reservation>find("id = ?1 and productId = ?2", reservationId, productId)
                .firstResultOptional()
                .orElseThrow(() -> new ReservationException.NotFound(productId, reservationId));
    }

    @SuppressWarnings("unchecked")
    private static Optional<Reservation> insertUnlessKeyExists(long productId, long quantity, String key, String caller) {
        try {
            List<Reservation> rows = Reservation.getEntityManager()
                    .createNativeQuery(INSERT_UNLESS_KEY_EXISTS, Reservation.class)
                    .setParameter("productId", productId)
                    .setParameter("quantity", quantity)
                    .setParameter("key", key)
                    .setParameter("caller", caller)
                    .setParameter("createdAt", Instant.now())
                    .getResultList();
            return rows.stream().findFirst();
        } catch (PersistenceException e) {
            // The product was deleted between the select and the foreign key check.
            if (ConstraintViolations.constraintName(e).filter(RESERVATION_PRODUCT_FK::equals).isPresent()) {
                throw new ProductException.NotFound(productId);
            }
            throw e;
        }
    }
}
