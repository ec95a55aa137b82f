package com.example.deploy.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the overlays to check: every directory under deploy/kubernetes/overlays with a
 * kustomization.yaml, so that a new environment is checked without being listed anywhere.
 */
final class Overlays {

    private static final List<Overlay> ALL = discover();

    private Overlays() {
    }

    /** deploy/kubernetes; the pom sets it, and a run from the check directory finds it too. */
    static Path kubernetesDirectory() {
        return Path.of(System.getProperty("kubernetes.dir", "..")).toAbsolutePath().normalize();
    }

    /** The source of {@link EachOverlay} tests. */
    static Stream<Overlay> all() {
        return ALL.stream();
    }

    static Overlay any() {
        return ALL.get(0);
    }

    private static List<Overlay> discover() {
        Path overlays = kubernetesDirectory().resolve("overlays");
        try (Stream<Path> children = Files.list(overlays)) {
            List<Overlay> found = children
                    .filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml")))
                    .sorted()
                    .map(Overlay::new)
                    .toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no overlay (a directory with a kustomization.yaml) under " + overlays);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the overlays in " + overlays, e);
        }
    }
}
