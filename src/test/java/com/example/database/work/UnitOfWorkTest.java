package com.example.database.work;

import com.example.database.DatabaseUnavailableException;
import com.example.inventory.product.Product;
import com.example.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which units of work run again after which failures, how, and for how long at most. */
@QuarkusTest
class UnitOfWorkTest {

    /** application.properties: the retry budget. */
    private static final Duration BUDGET = Duration.ofSeconds(5);

    @Inject
    UnitsOfWork units;

    @Inject
    RequestContextController requestContext;

    /** Fails with {@code sqlState} the first {@code failures} times, then answers "done". */
    private static Supplier<String> failing(int failures, String sqlState, AtomicInteger attempts) {
        return () -> {
            if (attempts.incrementAndGet() <= failures) {
                throw transientFailure(sqlState);
            }
            return "done";
        };
    }

    private static Product product(String sku, String name) {
        Product product = new Product();
        product.sku = sku;
        product.name = name;
        product.price = BigDecimal.ONE;
        product.persist();
        return product;
    }

    private static RuntimeException transientFailure(String sqlState) {
        return new IllegalStateException("wrapped", new SQLException("failure", sqlState));
    }

    /** Each test starts with the database answering: a unit of work that succeeds ends any outage an earlier one left. */
    @BeforeEach
    void databaseAnswers() {
        assertEquals(1L, units.read(() -> Product.count("id = 0") + 1));
    }

    @Test
    void aRetryRunsTheWholeTransactionAgainNotAStatementInsideIt() {
        String sku = TestData.unique("RETRIED");
        List<Object> transactions = new ArrayList<>();
        AtomicInteger attempts = new AtomicInteger();

        units.idempotentWrite(() -> {
            Product product = new Product();
            product.sku = sku;
            product.name = "stored, then the connection dies";
            product.price = BigDecimal.ONE;
            product.persistAndFlush();
            transactions.add(Product.getEntityManager().createNativeQuery("select txid_current()").getSingleResult());
            if (attempts.incrementAndGet() == 1) {
                throw transientFailure("57P01"); // after the insert, before the commit
            }
            return product.id;
        });

        assertEquals(2, attempts.get());
        assertEquals(2, new HashSet<>(transactions).size(), "each attempt runs in a transaction of its own: " + transactions);
        assertEquals(1L, units.read(() -> Product.count("sku", sku)), "the failed attempt's insert was rolled back");
    }

    @Test
    void aReadRunsOutsideATransactionAndAWriteInOneOfItsOwn() {
        assertFalse(units.read(QuarkusTransaction::isActive), "a read sends only its own statements: no BEGIN, no COMMIT");
        assertTrue(units.write(QuarkusTransaction::isActive));
        assertTrue(units.idempotentWrite(QuarkusTransaction::isActive));
    }

    @Test
    void aReadSeesWhatWasWrittenAfterAnEarlierReadOfTheSameRequest() {
        long id = units.write(() -> product(TestData.unique("REREAD"), "before")).id;
        requestContext.activate(); // one request: its reads share the request's Hibernate session
        try {
            assertEquals("before", units.read(() -> Product.<Product>findById(id).name));
            units.write(() -> Product.update("name = 'after' where id = ?1", id));

            assertEquals("after", units.read(() -> Product.<Product>findById(id).name), "read from the session, not the database");
        } finally {
            requestContext.deactivate();
        }
    }

    @Test
    void aUnitOfWorkRunsOutsideAnHttpRequestToo() throws Exception {
        CompletableFuture<Long> count = new CompletableFuture<>();
        // As a scheduled job calls it: on a thread of its own, without a request context.
        Thread job = new Thread(() -> {
            try {
                count.complete(units.read(() -> Product.count("id = 0")));
            } catch (RuntimeException e) {
                count.completeExceptionally(e);
            }
        });
        job.start();

        assertEquals(0L, count.get(30, TimeUnit.SECONDS));
    }

    @Test
    void readRunsAgainAfterTheConnectionWasTerminated() {
        AtomicInteger attempts = new AtomicInteger();

        assertEquals("done", units.read(failing(2, "57P01", attempts)));
        assertEquals(3, attempts.get());
    }

    @Test
    void idempotentWriteRunsAgainAfterAnyTransientFailure() {
        AtomicInteger attempts = new AtomicInteger();

        assertEquals("done", units.idempotentWrite(failing(2, "08006", attempts)));
        assertEquals(3, attempts.get());
    }

    @Test
    void writeRunsAgainWhenNoConnectionCouldBeHad() {
        AtomicInteger attempts = new AtomicInteger();

        assertEquals("done", units.write(failing(2, "08001", attempts)));
        assertEquals(3, attempts.get());
    }

    @Test
    void writeDoesNotRunAgainOnceItMayHaveReachedTheDatabase() {
        AtomicInteger attempts = new AtomicInteger();

        assertThrows(DatabaseUnavailableException.class, () -> units.write(failing(1, "57P01", attempts)));
        assertEquals(1, attempts.get());
    }

    @Test
    void aRefusalIsNeverRetriedAndReachesTheCallerAsItIs() {
        AtomicInteger attempts = new AtomicInteger();

        IllegalStateException refusal = assertThrows(IllegalStateException.class,
                () -> units.read(failing(1, "23505", attempts)));
        assertEquals("23505", ((SQLException) refusal.getCause()).getSQLState());
        assertEquals(1, attempts.get());
    }

    @Test
    void whileTheDatabaseIsKnownToBeAwayAUnitOfWorkIsTriedOnceAndTheFirstSuccessEndsTheOutage() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(DatabaseUnavailableException.class, () -> units.write(failing(1, "57P01", attempts))); // now known away

        assertThrows(DatabaseUnavailableException.class, () -> units.read(failing(2, "08006", attempts)));
        assertEquals(2, attempts.get(), "tried once, not retried");
        assertEquals("done", units.read(failing(0, "08006", attempts)));
        assertEquals("done", units.read(failing(1, "08006", new AtomicInteger())), "retried again once it answered");
    }

    @Test
    void retriesStopWithinTheBudgetAndTheCallerHearsTheDatabaseIsUnavailable() {
        AtomicInteger attempts = new AtomicInteger();
        long start = System.nanoTime();

        DatabaseUnavailableException unavailable = assertThrows(DatabaseUnavailableException.class,
                () -> units.read(failing(Integer.MAX_VALUE, "08006", attempts)));

        Duration spent = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(DatabaseUnavailableException.Reason.UNREACHABLE, unavailable.reason());
        assertTrue(attempts.get() > 3, "attempts: " + attempts.get());
        assertTrue(spent.compareTo(BUDGET) < 0, "spent: " + spent);
    }
}
