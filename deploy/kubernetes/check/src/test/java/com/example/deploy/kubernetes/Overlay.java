package com.example.deploy.kubernetes;

import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Job;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One overlay under deploy/kubernetes/overlays, rendered by kubectl and validated against the
 * Kubernetes API schemas once, then shared by every test that reads it.
 */
final class Overlay {

    private final String name;
    private final Path directory;
    private List<Map<String, Object>> documents;
    private List<Object> objects;

    Overlay(Path directory) {
        this.name = directory.getFileName().toString();
        this.directory = directory;
    }

    String name() {
        return name;
    }

    Path directory() {
        return directory;
    }

    /** The rendered documents as plain trees, before any validation. */
    synchronized List<Map<String, Object>> documents() {
        if (documents == null) {
            documents = List.copyOf(Manifests.parse(Kustomize.render(directory)));
        }
        return documents;
    }

    /** Every rendered object as its Kubernetes model; fails listing each object that is invalid. */
    synchronized List<Object> objects() {
        if (objects == null) {
            List<Object> valid = new ArrayList<>();
            List<String> invalid = new ArrayList<>();
            for (Map<String, Object> document : documents()) {
                try {
                    valid.add(KubernetesSchemas.validate(document));
                } catch (KubernetesSchemas.InvalidObjectException e) {
                    invalid.add(e.getMessage());
                }
            }
            if (!invalid.isEmpty()) {
                throw new AssertionError("overlay " + name + " renders objects Kubernetes 1.32 would reject:\n  "
                        + String.join("\n  ", invalid));
            }
            objects = List.copyOf(valid);
        }
        return objects;
    }

    /** The objects of one kind. */
    <T> List<T> all(Class<T> kind) {
        return objects().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The single object of one kind; each overlay has exactly one of each it ships. */
    <T> T only(Class<T> kind) {
        List<T> found = all(kind);
        if (found.size() != 1) {
            throw new AssertionError("overlay " + name + " has " + found.size() + " " + kind.getSimpleName()
                    + " objects, expected exactly one");
        }
        return found.get(0);
    }

    V1Deployment deployment() {
        return only(V1Deployment.class);
    }

    V1Job migrationJob() {
        return only(V1Job.class);
    }

    /** The pods of the Deployment. */
    PodTemplate servingPods() {
        V1Deployment deployment = deployment();
        return new PodTemplate(name + ": Deployment " + deployment.getMetadata().getName(), deployment.getSpec().getTemplate());
    }

    /** The pods of the migration Job. */
    PodTemplate migrationPods() {
        V1Job job = migrationJob();
        return new PodTemplate(name + ": Job " + job.getMetadata().getName(), job.getSpec().getTemplate());
    }

    /** Both kinds of pods. */
    List<PodTemplate> podTemplates() {
        return List.of(servingPods(), migrationPods());
    }

    /** The display name of parameterized tests. */
    @Override
    public String toString() {
        return name;
    }
}
