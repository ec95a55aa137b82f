package com.example.scaleout;

import com.example.support.PackagedApp;
import com.example.support.PgBouncer;
import com.example.support.PrometheusText;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Watches connections on both sides of the pooler while the suite runs, and keeps the largest
 * of each: PgBouncer's server connections to the database and its clients waiting for one
 * ({@code SHOW POOLS}, every half second), and the most connections each instance's pool had in use
 * at once (its own count, {@code agroal_max_used_count}, read from its metrics every second).
 */
final class ConnectionWatch implements AutoCloseable {

    private static final String APPLICATION_POOL = "datasource=\"default\"";

    private final PgBouncer bouncer;
    private final String database;
    private final Fleet fleet;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final AtomicLong mostServerConnections = new AtomicLong();
    private final AtomicLong mostClientsWaiting = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    /** Per instance (its port): the most connections its pool had in use at once. */
    private final Map<Integer, Long> mostInUse = new ConcurrentHashMap<>();
    /** Why a sample of PgBouncer's pools could not be taken, if one could not: the figures would mean nothing. */
    private volatile String problem;

    ConnectionWatch(PgBouncer bouncer, String database, Fleet fleet) {
        this.bouncer = bouncer;
        this.database = database;
        this.fleet = fleet;
        scheduler.scheduleWithFixedDelay(this::readPgBouncerPools, 0, 500, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::readInstancePools, 0, 1, TimeUnit.SECONDS);
    }

    long mostServerConnections() {
        return mostServerConnections.get();
    }

    long mostClientsWaiting() {
        return mostClientsWaiting.get();
    }

    long samples() {
        return samples.get();
    }

    /** The most connections any one instance had in use at once. */
    long mostInUseInOneInstance() {
        return mostInUse.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** The most connections {@code instance} had in use at once, as far as watched. */
    long mostInUse(PackagedApp instance) {
        return mostInUse.getOrDefault(instance.port(), 0L);
    }

    int instancesWatched() {
        return mostInUse.size();
    }

    /** Null when every sample of PgBouncer's pools was taken. */
    String problem() {
        return problem;
    }

    private void readPgBouncerPools() {
        try {
            for (Map<String, String> pool : bouncer.showPools()) {
                if (!database.equals(pool.get("database"))) {
                    continue;
                }
                long servers = Stream.of("sv_active", "sv_idle", "sv_used", "sv_tested", "sv_login")
                        .mapToLong(column -> Long.parseLong(pool.get(column))).sum();
                mostServerConnections.accumulateAndGet(servers, Math::max);
                mostClientsWaiting.accumulateAndGet(Long.parseLong(pool.get("cl_waiting")), Math::max);
            }
            samples.incrementAndGet();
        } catch (RuntimeException e) {
            problem = "reading PgBouncer's pools failed: " + e.getMessage();
        }
    }

    private void readInstancePools() {
        for (PackagedApp instance : fleet.members()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + "/q/metrics"))
                    .timeout(Duration.ofSeconds(2)).build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    long inUse = Math.round(PrometheusText.parse(response.body()).sum("agroal_max_used_count", APPLICATION_POOL));
                    mostInUse.merge(instance.port(), inUse, Math::max);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception stoppingOrGone) {
                // An instance being stopped or killed: its last reading stands.
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
