package com.example.support;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}) run as production runs
 * it: its own process, prod profile, configured by environment variables only. The variables
 * of the test's own environment that could configure a database are removed first, so a
 * developer's {@code DATABASE_URL} is never used.
 */
public final class PackagedApp implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();

    private final Process process;
    private final Path output;
    private final int port;

    private PackagedApp(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /** What a finished run printed, and how it ended. */
    public record Result(int exitCode, String output) {
    }

    /** Starts the application with {@code env} and {@code args}; it runs until closed. */
    public static PackagedApp start(Map<String, String> env, String... args) {
        return startIn(Path.of("").toAbsolutePath(), env, args);
    }

    /** The same, in {@code directory}: where it looks for {@code .env} and {@code config/}. */
    public static PackagedApp startIn(Path directory, Map<String, String> env, String... args) {
        int port = freePort();
        try {
            Path output = Files.createTempFile("packaged-app", ".log");
            List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", JAR.toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("DATABASE_URL") || name.equals("DIRECT_URL")
                    || name.startsWith("DB_") || name.startsWith("QUARKUS_") || name.equals("TEST_DATABASE_URL"));
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            // It stops at once unless a test sets a delay: only the shutdown tests wait for one.
            builder.environment().put("SHUTDOWN_DELAY", "0S");
            builder.environment().putAll(env);
            return new PackagedApp(builder.start(), output, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the application to its end, failing the test if it takes longer than {@code timeout}. */
    public static Result run(Map<String, String> env, Duration timeout, String... args) {
        return runIn(Path.of("").toAbsolutePath(), env, timeout, args);
    }

    /** The same, in {@code directory}. */
    public static Result runIn(Path directory, Map<String, String> env, Duration timeout, String... args) {
        try (PackagedApp app = startIn(directory, env, args)) {
            if (!app.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("still running after " + timeout + ":\n" + app.output());
            }
            return new Result(app.process.exitValue(), app.output());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    /** Waits until the HTTP port accepts connections; fails with the output if the process ends first. */
    public PackagedApp awaitListening(Duration timeout) {
        await("listening", timeout, () -> {
            if (!process.isAlive()) {
                fail("exited with " + process.exitValue() + " before listening:\n" + output());
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
        return this;
    }

    /** Waits until {@code path} answers {@code status}; fails with the output if it does not within {@code timeout}. */
    public void awaitStatus(String path, int status, Duration timeout) {
        await(path + " answering " + status, timeout, () -> http().get(path).statusCode() == status);
    }

    /** Waits until {@code condition} holds; fails with what the application printed if it does not within {@code timeout}. */
    public void await(String what, Duration timeout, Callable<Boolean> condition) {
        try {
            Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(100)).until(condition);
        } catch (ConditionTimeoutException e) {
            fail(e.getMessage() + ":\n" + output());
        }
    }

    /** A RestAssured request to this application, its API calls checked against its API document. */
    public RequestSpecification http() {
        ApiContract.install();
        return RestAssured.given().baseUri("http://127.0.0.1").port(port);
    }

    /** Sends SIGTERM, as Kubernetes does to a pod it stops, and returns at once. */
    public void terminate() {
        process.destroy();
    }

    /** Sends SIGKILL: the process ends at once, with whatever it was doing. */
    public void kill() {
        process.destroyForcibly();
    }

    /** Waits for the process to end and returns its exit code; fails if it is still running after {@code timeout}. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("still running " + timeout + " after it was asked to stop:\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything it printed so far. */
    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether {@code output} holds a stack trace: as plain text ({@code \tat }), or in a JSON log
     * line, where the prod profile puts it (a {@code stackTrace} field, tabs escaped).
     */
    public static boolean hasStackTrace(String output) {
        return output.contains("\tat ") || output.contains("\\tat ") || output.contains("\"stackTrace\"");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

}
