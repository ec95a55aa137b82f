package com.example.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1TopologySpreadConstraint;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The serving pods: health probes, spreading, replica ownership and graceful shutdown. */
class DeploymentRulesTest {

    @EachOverlay
    void probesAskStartedReadyAndLiveOnTheHttpPortWithTheDocumentedTimings(Overlay overlay) {
        V1Container server = server(overlay);
        V1ContainerPort http = server.getPorts().stream().filter(port -> "http".equals(port.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no port named http"));
        assertEquals(8080, http.getContainerPort(), overlay + ": the http port");
        assertAll(
                // 24 × 5 s: two minutes for a JVM start, a Neon cold start and a slow first query.
                () -> assertProbe(overlay + ": startupProbe", server.getStartupProbe(), "/q/health/started", 5, 5, 24),
                () -> assertProbe(overlay + ": readinessProbe", server.getReadinessProbe(), "/q/health/ready", 10, 3, 2),
                () -> assertProbe(overlay + ": livenessProbe", server.getLivenessProbe(), "/q/health/live", 20, 3, 3));
    }

    @EachOverlay
    void podsSpreadOverNodesAndZones(Overlay overlay) {
        PodTemplate pods = overlay.servingPods();
        List<V1TopologySpreadConstraint> constraints =
                Optional.ofNullable(pods.spec().getTopologySpreadConstraints()).orElse(List.of());
        for (String key : List.of("kubernetes.io/hostname", "topology.kubernetes.io/zone")) {
            V1TopologySpreadConstraint constraint = constraints.stream()
                    .filter(candidate -> key.equals(candidate.getTopologyKey())).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": no topology spread over " + key));
            assertNotNull(constraint.getLabelSelector(), overlay + ", " + key + ": no label selector");
            assertTrue(LabelSelectors.matches(constraint.getLabelSelector(), pods.labels()),
                    overlay + ", " + key + ": the spread's selector does not match the serving pods, so it spreads nothing");
        }
    }

    @EachOverlay
    void theAutoscalerAloneSetsTheNumberOfReplicas(Overlay overlay) {
        // A count in the Deployment would be re-applied on every `kubectl apply`, undoing a scale-out.
        assertNull(overlay.deployment().getSpec().getReplicas(), overlay + ": the Deployment sets spec.replicas");
    }

    @EachOverlay
    void shutdownDelayAndRequestDrainEndWithinTheTerminationGracePeriod(Overlay overlay) {
        V1Deployment deployment = overlay.deployment();
        String delay = env(server(overlay), "SHUTDOWN_DELAY")
                .orElseThrow(() -> new AssertionError(overlay + ": SHUTDOWN_DELAY is not set: the application's default may change"));
        Long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertNotNull(grace, overlay + ": terminationGracePeriodSeconds is not set");
        Duration timeout = ApplicationProperties.shutdownTimeout();
        Duration needed = QuarkusDuration.parse(delay).plus(timeout);
        assertTrue(needed.compareTo(Duration.ofSeconds(grace)) < 0, overlay + ": SHUTDOWN_DELAY " + delay + " + "
                + timeout.toSeconds() + " s of draining (quarkus.shutdown.timeout) must end before the grace period of "
                + grace + " s, or Kubernetes kills requests under way");
    }

    /** The serving container: the one with the http port. */
    static V1Container server(Overlay overlay) {
        return overlay.deployment().getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(container -> container.getPorts() != null
                        && container.getPorts().stream().anyMatch(port -> "http".equals(port.getName())))
                .findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no container of the Deployment has a port named http"));
    }

    /** A plain value set in the container's env, if any. */
    static Optional<String> env(V1Container container, String name) {
        return Optional.ofNullable(container.getEnv()).orElse(List.of()).stream()
                .filter(variable -> name.equals(variable.getName()))
                .map(V1EnvVar::getValue)
                .findFirst();
    }

    private static void assertProbe(String which, V1Probe probe, String path, int period, int timeout, int failures) {
        assertNotNull(probe, which + " is missing");
        assertNotNull(probe.getHttpGet(), which + " is not an HTTP GET");
        assertEquals(path, probe.getHttpGet().getPath(), which + " path");
        assertEquals(new IntOrString("http"), probe.getHttpGet().getPort(), which + " port");
        assertEquals(period, probe.getPeriodSeconds(), which + " periodSeconds");
        assertEquals(timeout, probe.getTimeoutSeconds(), which + " timeoutSeconds");
        assertEquals(failures, probe.getFailureThreshold(), which + " failureThreshold");
    }
}
