package com.example.inventory.product.service;

import com.example.database.ConstraintViolations;
import com.example.database.work.CurrentAttempt;
import com.example.database.work.UnitOfWork;
import com.example.database.work.UnitOfWork.Kind;
import com.example.inventory.product.Product;
import com.example.web.paging.PageRequest;
import com.example.web.paging.PageResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Products: listing, reading and the writes, each one unit of work (a write one transaction, a
 * read none), run again as its kind allows. Database constraints are the final judges (unique
 * SKU, references from reservations); their violations become the domain's refusals here
 * ({@link ProductException}), where the meaning of each constraint is known.
 */
@ApplicationScoped
@UnitOfWork(Kind.WRITE)
public class ProductService {

    /** Attributes a client may sort a list by. */
    public static final Set<String> SORTABLE = Set.of("id", "sku", "name", "price", "stock", "createdAt", "updatedAt");

    private static final String SKU_UNIQUE = "product_sku_unique";
    private static final String RESERVATION_PRODUCT_FK = "reservation_product_fk";
    /** Products whose SKU or name contains {@code :pattern} ({@link #containsPattern}), case-insensitive. */
    private static final String MATCHING_PATTERN =
            " where lower(sku) like :pattern escape '\\' or lower(name) like :pattern escape '\\'";

    private final CurrentAttempt attempt;

    ProductService(CurrentAttempt attempt) {
        this.attempt = attempt;
    }

    /**
     * One page of products, optionally only those whose SKU or name contains {@code text}
     * (case-insensitive). From the read replica when there is one: it may lag a little.
     */
    @UnitOfWork(Kind.REPLICA_READ)
    public PageResponse<Product> list(Optional<String> text, PageRequest page) {
        Session session = attempt.session(); // the replica's, while this attempt runs there
        Optional<String> pattern = text.map(ProductService::containsPattern);
        String where = pattern.isPresent() ? MATCHING_PATTERN : "";
        SelectionQuery<Product> query = session.createSelectionQuery("from Product" + where + page.orderBy(), Product.class);
        List<Product> items = withPattern(query, pattern).setPage(page.queryPage()).getResultList();
        return PageResponse.of(items, page, () -> withPattern(
                session.createSelectionQuery("select count(*) from Product" + where, Long.class), pattern).getSingleResult());
    }

    /** One product, as the primary has it: its version may feed a conditional write. */
    @UnitOfWork(Kind.READ)
    public Optional<Product> find(long id) {
        return Product.findByIdOptional(id);
    }

    /** Stores a new product. */
    public Product create(Product product) {
        try {
            product.persistAndFlush();
        } catch (PersistenceException e) {
            throw translate(e, product.sku);
        }
        return product;
    }

    /**
     * Replaces the client-owned fields of product {@code id} with those of {@code replacement},
     * if its current version satisfies {@code condition}.
     */
    public Product replace(long id, Product replacement, VersionCondition condition) {
        Product product = Product.<Product>findByIdOptional(id).orElseThrow(() -> new ProductException.NotFound(id));
        if (!condition.allows(product.version)) {
            throw new ProductException.VersionMismatch(id);
        }
        product.sku = replacement.sku;
        product.name = replacement.name;
        product.description = replacement.description;
        product.price = replacement.price;
        product.stock = replacement.stock;
        try {
            // Flush now, so that a lost race on the version or the SKU is answered here.
            Product.flush();
        } catch (OptimisticLockException e) {
            throw condition.conditional() ? new ProductException.VersionMismatch(id) : new ProductException.ConcurrentUpdate(id);
        } catch (PersistenceException e) {
            throw translate(e, product.sku);
        }
        return product;
    }

    /**
     * Takes {@code quantity} units out of stock, in the caller's transaction (and unit of work), if the product has
     * that many. The condition is checked by PostgreSQL on the row it locks, after waiting for
     * any concurrent change of it (READ COMMITTED), so concurrent callers never oversell.
     *
     * @return false when the product has fewer units (or does not exist)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean takeStock(long id, long quantity) {
        return Product.update("stock = stock - ?1, version = version + 1, updatedAt = ?2 where id = ?3 and stock >= ?1",
                quantity, Instant.now(), id) == 1;
    }

    /** Deletes product {@code id}; refused while reservations refer to it. */
    public void delete(long id) {
        long deleted;
        try {
            deleted = Product.delete("id", id);
        } catch (PersistenceException e) {
            if (ConstraintViolations.constraintName(e).filter(RESERVATION_PRODUCT_FK::equals).isPresent()) {
                throw new ProductException.HasReservations(id);
            }
            throw e;
        }
        if (deleted == 0) {
            throw new ProductException.NotFound(id);
        }
    }

    private static RuntimeException translate(PersistenceException e, String sku) {
        return ConstraintViolations.constraintName(e).filter(SKU_UNIQUE::equals).isPresent()
                ? new ProductException.SkuTaken(sku)
                : e;
    }

    private static <T> SelectionQuery<T> withPattern(SelectionQuery<T> query, Optional<String> pattern) {
        pattern.ifPresent(p -> query.setParameter("pattern", p));
        return query;
    }

    /** A LIKE pattern matching {@code text} anywhere, with LIKE's wildcards in it taken literally. */
    private static String containsPattern(String text) {
        String escaped = text.toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
