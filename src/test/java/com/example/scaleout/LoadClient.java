package com.example.scaleout;

import com.example.support.PackagedApp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mixed load on one product from several threads, each request sent to the next instance of the
 * fleet's ready list (round robin): a GET of the product, then a reservation of one unit under a
 * key of its own. A reservation whose request failed on the way (connection refused or cut) is
 * sent again with the same key to the next instance, as a client of an idempotent API does; a
 * 201 is the acknowledgement.
 *
 * <p>A failure is a request that got no answer, or an answer other than 200 for a GET, 201 for a
 * reservation, or 409 for a reservation of a product out of stock.
 */
final class LoadClient {

    private static final int ATTEMPTS = 5;

    private final Fleet fleet;
    private final long productId;
    private final String keyPrefix;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger reservationsSent = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong outOfStock = new AtomicLong();
    /** Each failure, with the port of the instance it came from. */
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;
    private ExecutorService threads;
    private final List<Future<?>> running = new ArrayList<>();

    record Failure(int port, String what) {
    }

    LoadClient(Fleet fleet, long productId, String keyPrefix) {
        this.fleet = fleet;
        this.productId = productId;
        this.keyPrefix = keyPrefix;
    }

    /** Starts {@code threadCount} threads; they send until {@link #stop()} or {@code reservations} reservations were sent. */
    LoadClient start(int threadCount, int reservations) {
        threads = Executors.newFixedThreadPool(threadCount);
        for (int i = 0; i < threadCount; i++) {
            running.add(threads.submit(() -> {
                while (!stopped) {
                    int reservation = reservationsSent.getAndIncrement();
                    if (reservation >= reservations) {
                        return null;
                    }
                    get();
                    reserve(keyPrefix + "-" + reservation);
                }
                return null;
            }));
        }
        return this;
    }

    /** Waits until the threads have sent every reservation they were given. */
    LoadClient awaitDone(Duration timeout) throws Exception {
        for (Future<?> thread : running) {
            thread.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        threads.shutdown();
        return this;
    }

    /** Stops sending and waits for the requests under way. */
    LoadClient stop() throws Exception {
        stopped = true;
        return awaitDone(Duration.ofSeconds(60));
    }

    long requests() {
        return requests.get();
    }

    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    long outOfStock() {
        return outOfStock.get();
    }

    List<Failure> failures() {
        return List.copyOf(failures);
    }

    private void get() throws InterruptedException {
        PackagedApp instance = nextReady();
        HttpRequest request = HttpRequest.newBuilder(uri(instance, "/api/products/" + productId))
                .timeout(Duration.ofSeconds(30)).GET().build();
        send(instance, request, 200);
    }

    private void reserve(String key) throws InterruptedException {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            PackagedApp instance = nextReady();
            HttpRequest request = HttpRequest.newBuilder(uri(instance, "/api/products/" + productId + "/reservations"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"quantity\":1}")).build();
            Integer status = send(instance, request, 201, 409);
            if (status == null) {
                continue; // no answer: the same key again, elsewhere
            }
            if (status == 201) {
                acknowledged.add(key);
            } else if (status == 409) {
                outOfStock.incrementAndGet();
            }
            return;
        }
    }

    /** The status, or null when no answer came; anything not {@code expected} is recorded as a failure. */
    private Integer send(PackagedApp instance, HttpRequest request, int... expected) throws InterruptedException {
        requests.incrementAndGet();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            for (int ok : expected) {
                if (status == ok) {
                    return status;
                }
            }
            failures.add(new Failure(instance.port(), request.method() + " " + request.uri().getPath() + " answered "
                    + status + ": " + response.body()));
            return status;
        } catch (IOException noAnswer) {
            failures.add(new Failure(instance.port(), request.method() + " " + request.uri().getPath() + ": " + noAnswer));
            return null;
        }
    }

    private PackagedApp nextReady() throws InterruptedException {
        while (true) {
            List<PackagedApp> ready = fleet.ready();
            if (!ready.isEmpty()) {
                return ready.get(Math.floorMod(next.getAndIncrement(), ready.size()));
            }
            Thread.sleep(50); // no endpoint at all: a load balancer would queue or refuse
        }
    }

    private static URI uri(PackagedApp instance, String path) {
        return URI.create("http://127.0.0.1:" + instance.port() + path);
    }
}
