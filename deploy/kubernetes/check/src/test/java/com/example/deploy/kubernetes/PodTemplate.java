package com.example.deploy.kubernetes;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The pods a workload starts, and the settings each of their containers ends up with. */
record PodTemplate(String owner, V1PodTemplateSpec template) {

    V1PodSpec spec() {
        return template.getSpec();
    }

    Map<String, String> labels() {
        return template.getMetadata().getLabels();
    }

    /** Init containers too: they run with the same privileges as the others. */
    List<V1Container> containers() {
        List<V1Container> all = new ArrayList<>(spec().getContainers());
        if (spec().getInitContainers() != null) {
            all.addAll(spec().getInitContainers());
        }
        return all;
    }

    /** A setting of a container's security context, or the pod's where the container sets none. */
    <T> Optional<T> effective(V1Container container, Function<V1SecurityContext, T> ofContainer,
            Function<V1PodSecurityContext, T> ofPod) {
        Optional<T> own = Optional.ofNullable(container.getSecurityContext()).map(ofContainer);
        return own.isPresent() ? own : Optional.ofNullable(spec().getSecurityContext()).map(ofPod);
    }

    String describe(V1Container container) {
        return owner + ", container " + container.getName();
    }
}
