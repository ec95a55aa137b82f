package com.example.scaleout;

import com.example.support.PackagedApp;
import org.awaitility.Awaitility;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Instances of the packaged jar, all configured alike, and what a Service's endpoints would hold
 * for them: every second each instance's readiness is polled, and only those that answered UP
 * (within half a second) at the last poll receive requests. Like Kubernetes, it learns that an
 * instance is stopping or gone only from that poll: up to a second and a half late, less than
 * the shutdown delay during which a stopping instance still serves.
 */
final class Fleet implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

    private final Map<String, String> env;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(POLL_TIMEOUT).build();
    /** Every process not yet reaped: running, stopping, or killed and not yet forgotten. */
    private final List<PackagedApp> members = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
    private volatile List<PackagedApp> ready = List.of();

    private Fleet(Map<String, String> env) {
        this.env = env;
    }

    /** Starts {@code size} instances at once and returns when each is started and ready. */
    static Fleet start(int size, Map<String, String> env) {
        Fleet fleet = new Fleet(env);
        List<PackagedApp> starting = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            starting.add(PackagedApp.start(env));
        }
        fleet.members.addAll(starting);
        fleet.poller.scheduleAtFixedRate(fleet::pollReadiness, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
        starting.forEach(Fleet::awaitStarted);
        fleet.awaitReady(size);
        return fleet;
    }

    /** The instances whose readiness was UP at the last poll: where a load balancer sends requests. */
    List<PackagedApp> ready() {
        return ready;
    }

    /** The instances running now, stopping ones included. */
    List<PackagedApp> members() {
        return List.copyOf(members);
    }

    /** Starts one more instance and returns once its start-up probe is UP, as a rollout waits for it. */
    PackagedApp startReplacement() {
        PackagedApp app = PackagedApp.start(env);
        members.add(app);
        awaitStarted(app);
        return app;
    }

    /** SIGKILL: the instance ends at once, with requests and transactions under way. */
    void kill(PackagedApp app) {
        app.kill();
        app.awaitExit(Duration.ofSeconds(10));
        members.remove(app);
    }

    /** SIGTERM, as Kubernetes stops a pod; returns at once, the instance stops on its own. */
    void terminate(PackagedApp app) {
        app.terminate();
    }

    /** Waits for a terminated instance to exit and forgets it; returns its exit code. */
    int reap(PackagedApp app, Duration timeout) {
        int exit = app.awaitExit(timeout);
        members.remove(app);
        return exit;
    }

    /** Waits until {@code count} instances are ready (at the last poll). */
    void awaitReady(int count) {
        Awaitility.await(count + " instances ready").atMost(START).pollInterval(Duration.ofMillis(100))
                .until(() -> ready.size() == count);
    }

    private static void awaitStarted(PackagedApp app) {
        app.awaitListening(START).awaitStatus("/q/health/started", 200, START);
    }

    private void pollReadiness() {
        List<PackagedApp> polled = members();
        List<CompletableFuture<Boolean>> answers = polled.stream().map(this::isReady).toList();
        List<PackagedApp> up = new ArrayList<>();
        for (int i = 0; i < polled.size(); i++) {
            if (answers.get(i).join()) {
                up.add(polled.get(i));
            }
        }
        ready = List.copyOf(up);
    }

    private CompletableFuture<Boolean> isReady(PackagedApp app) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/q/health/ready"))
                .timeout(POLL_TIMEOUT).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> response.statusCode() == 200)
                .exceptionally(unreachable -> false);
    }

    @Override
    public void close() {
        poller.shutdownNow();
        members.forEach(PackagedApp::terminate); // all at once: each serves out its shutdown delay
        members.forEach(PackagedApp::close);
        members.clear();
    }
}
