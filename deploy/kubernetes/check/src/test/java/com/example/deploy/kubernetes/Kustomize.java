package com.example.deploy.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization with `kubectl kustomize`, as `kubectl apply -k` would, offline. */
final class Kustomize {

    private static final long TIMEOUT_SECONDS = 60;

    private Kustomize() {
    }

    /** The rendered YAML; fails with kubectl's own message if it cannot render. */
    static String render(Path kustomizationDirectory) {
        ProcessBuilder command = new ProcessBuilder("kubectl", "kustomize", kustomizationDirectory.toString());
        Process kubectl;
        try {
            kubectl = command.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run kubectl (" + e.getMessage() + "): these checks need kubectl 1.27 or"
                    + " newer on the PATH; no cluster or network is used", e);
        }
        try {
            kubectl.getOutputStream().close();
            // Read both streams while kubectl runs, so that neither fills its pipe and blocks it.
            CompletableFuture<String> output = readAsync(kubectl.getInputStream());
            CompletableFuture<String> errors = readAsync(kubectl.getErrorStream());
            if (!kubectl.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                kubectl.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + kustomizationDirectory + " did not finish within "
                        + TIMEOUT_SECONDS + " s");
            }
            if (kubectl.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + kustomizationDirectory + " failed (exit "
                        + kubectl.exitValue() + "): " + errors.join().strip());
            }
            return output.join();
        } catch (IOException e) {
            throw new AssertionError("cannot talk to kubectl: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rendering " + kustomizationDirectory, e);
        }
    }

    private static CompletableFuture<String> readAsync(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
