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
 * 201 is the acknowledgement. It sends with java.net.http rather than RestAssured: checking each
 * of thousands of calls against the API document would load the machine more than the instances
 * under test (the other tests check the contract).
 *
 * <p>A failure is a request that got no answer, or an answer other than 200 for a GET, 201 for a
 * reservation, or 409 for a reservation of a product out of stock; and a reservation given up
 * after {@value #ATTEMPTS} attempts without an answer.
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
    /** 201s that were replays: a retried key whose first attempt had been stored. */
    private final AtomicLong replayed = new AtomicLong();
    /** Each failure, with the port of the instance it came from. */
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;
    private ExecutorService threads;
    private final List<Future<?>> running = new ArrayList<>();

    /** A failure on the instance at {@code port}; {@code answered}: it answered, wrongly, rather than not at all. */
    record Failure(int port, boolean answered, String what) {
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

    /** Waits until the threads have sent every reservation they were given; stops them if that takes longer. */
    LoadClient awaitDone(Duration timeout) throws Exception {
        try {
            for (Future<?> thread : running) {
                thread.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            stopped = true;
            threads.shutdownNow();
        }
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

    long replayed() {
        return replayed.get();
    }

    List<Failure> failures() {
        return List.copyOf(failures);
    }

    private void get() throws InterruptedException {
        PackagedApp instance = nextReady();
        if (instance == null) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(uri(instance, "/api/products/" + productId))
                .timeout(Duration.ofSeconds(30)).GET().build();
        send(instance, request, 200);
    }

    private void reserve(String key) throws InterruptedException {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            PackagedApp instance = nextReady();
            if (instance == null) {
                return;
            }
            HttpRequest request = HttpRequest.newBuilder(uri(instance, "/api/products/" + productId + "/reservations"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"quantity\":1}")).build();
            HttpResponse<String> response = send(instance, request, 201, 409);
            if (response == null) {
                continue; // no answer: the same key again, elsewhere
            }
            if (response.statusCode() == 201) {
                acknowledged.add(key);
                if (response.headers().firstValue("Idempotent-Replayed").isPresent()) {
                    replayed.incrementAndGet();
                }
            } else if (response.statusCode() == 409) {
                outOfStock.incrementAndGet();
            }
            return;
        }
        failures.add(new Failure(0, false, "reservation " + key + ": no answer in " + ATTEMPTS + " attempts"));
    }

    /** The answer, or null when none came; a status not {@code expected} is recorded as a failure. */
    private HttpResponse<String> send(PackagedApp instance, HttpRequest request, int... expected) throws InterruptedException {
        requests.incrementAndGet();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            for (int ok : expected) {
                if (status == ok) {
                    return response;
                }
            }
            failures.add(new Failure(instance.port(), true, request.method() + " " + request.uri().getPath()
                    + " answered " + status + ": " + response.body()));
            return response;
        } catch (IOException noAnswer) {
            failures.add(new Failure(instance.port(), false, request.method() + " " + request.uri().getPath() + ": " + noAnswer));
            return null;
        }
    }

    /** The next instance to send to, or null once stopped. */
    private PackagedApp nextReady() throws InterruptedException {
        while (!stopped) {
            List<PackagedApp> ready = fleet.ready();
            if (!ready.isEmpty()) {
                return ready.get(Math.floorMod(next.getAndIncrement(), ready.size()));
            }
            Thread.sleep(50); // no endpoint at all: a load balancer would queue or refuse
        }
        return null;
    }

    private static URI uri(PackagedApp instance, String path) {
        return URI.create("http://127.0.0.1:" + instance.port() + path);
    }
}
