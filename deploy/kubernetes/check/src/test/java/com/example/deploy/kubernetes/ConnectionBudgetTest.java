package com.example.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentStrategy;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.util.Map;
import java.util.Optional;

/**
 * The most pods the autoscaler may run, plus those a rolling update adds (its surge) and those it
 * is stopping (as many again: each serves out SHUTDOWN_DELAY and its requests under way with its
 * pool still open), each with a full pool, never ask Neon's pooler for more connections than it
 * runs at once for one user and
 * database: 0.9 × max_connections of the compute the overlay declares (NEON.md "Limits that size
 * the pool"). More would only queue in the pooler, for up to 120 s.
 */
class ConnectionBudgetTest {

    /** The compute size, in CU, an overlay's numbers are sized for; set on the Deployment. */
    static final String COMPUTE_SIZE_ANNOTATION = "inventory.example.com/sized-for-neon-compute-cu";

    @EachOverlay
    void declaresANeonComputeSizeFromTheTable(Overlay overlay) {
        String size = computeSize(overlay);
        assertTrue(NeonComputeSizes.maxConnections(size).isPresent(), overlay + ": compute size " + size + " CU is not in "
                + NeonComputeSizes.FILE + " (sizes there: " + NeonComputeSizes.all().keySet() + ")");
    }

    @EachOverlay
    void allPodsAtMaximumScaleFitThePooledConnectionBudget(Overlay overlay) {
        String size = computeSize(overlay);
        int maxConnections = NeonComputeSizes.maxConnections(size)
                .orElseThrow(() -> new AssertionError(overlay + ": compute size " + size + " CU is not in " + NeonComputeSizes.FILE));
        int budget = NeonComputeSizes.pooledBudget(maxConnections);
        int maxReplicas = overlay.only(V2HorizontalPodAutoscaler.class).getSpec().getMaxReplicas();
        int surge = maxSurge(overlay.deployment(), maxReplicas);
        int pool = poolMaxSize(overlay);
        int connections = (maxReplicas + surge + surge) * pool;
        assertTrue(connections <= budget, overlay + ": (" + maxReplicas + " max replicas + " + surge + " surge + " + surge
                + " stopping) × pool " + pool
                + " = " + connections + " connections, over the " + budget + " that Neon's pooler runs at once on "
                + size + " CU (0.9 × " + maxConnections + ")");
    }

    private static String computeSize(Overlay overlay) {
        Map<String, String> annotations = Optional.ofNullable(overlay.deployment().getMetadata().getAnnotations())
                .orElse(Map.of());
        String size = annotations.get(COMPUTE_SIZE_ANNOTATION);
        if (size == null) {
            throw new AssertionError(overlay + ": the Deployment declares no " + COMPUTE_SIZE_ANNOTATION
                    + ": the connection budget cannot be checked");
        }
        return size;
    }

    private static int poolMaxSize(Overlay overlay) {
        String value = DeploymentRulesTest.env(DeploymentRulesTest.server(overlay), "DB_POOL_MAX_SIZE")
                .orElseThrow(() -> new AssertionError(overlay + ": DB_POOL_MAX_SIZE is not set: the application's default"
                        + " would decide the connection count"));
        return Integer.parseInt(value);
    }

    /** Extra pods during a rolling update at maxReplicas; Kubernetes' default is 25 %, rounded up. */
    private static int maxSurge(V1Deployment deployment, int replicas) {
        V1DeploymentStrategy strategy = deployment.getSpec().getStrategy();
        if (strategy != null && "Recreate".equals(strategy.getType())) {
            return 0;
        }
        IntOrString surge = strategy == null || strategy.getRollingUpdate() == null
                || strategy.getRollingUpdate().getMaxSurge() == null
                ? new IntOrString("25%")
                : strategy.getRollingUpdate().getMaxSurge();
        if (surge.isInteger()) {
            return surge.getIntValue();
        }
        int percent = Integer.parseInt(surge.getStrValue().replace("%", ""));
        return (replicas * percent + 99) / 100;
    }
}
