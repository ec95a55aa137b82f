package com.example.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.models.V2CrossVersionObjectReference;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;

/**
 * The objects around the Deployment find its pods by label: traffic, disruption budget and
 * network policy reach the serving pods, and traffic and the budget never the migration pods.
 */
class PodSelectionTest {

    @EachOverlay
    void theDeploymentOwnsItsPodTemplate(Overlay overlay) {
        V1Deployment deployment = overlay.deployment();
        assertTrue(LabelSelectors.matches(deployment.getSpec().getSelector(), overlay.servingPods().labels()),
                overlay + ": the Deployment's selector does not match its own pod template");
        assertFalse(LabelSelectors.matches(deployment.getSpec().getSelector(), overlay.migrationPods().labels()),
                overlay + ": the Deployment's selector matches the migration pods, and would count them as its own");
    }

    @EachOverlay
    void theServiceSendsTrafficToTheServingPodsOnly(Overlay overlay) {
        V1Service service = overlay.only(V1Service.class);
        assertTrue(LabelSelectors.matches(service.getSpec().getSelector(), overlay.servingPods().labels()),
                overlay + ": the Service does not select the serving pods");
        assertFalse(LabelSelectors.matches(service.getSpec().getSelector(), overlay.migrationPods().labels()),
                overlay + ": the Service selects the migration pods");
        for (V1ServicePort port : service.getSpec().getPorts()) {
            assertEquals(new IntOrString("http"), port.getTargetPort(), overlay + ": Service port " + port.getPort());
        }
    }

    @EachOverlay
    void theDisruptionBudgetCoversTheServingPodsOnlyAndLetsASingleReplicaBeDrained(Overlay overlay) {
        V1PodDisruptionBudget budget = overlay.only(V1PodDisruptionBudget.class);
        assertTrue(LabelSelectors.matches(budget.getSpec().getSelector(), overlay.servingPods().labels()),
                overlay + ": the budget does not select the serving pods");
        assertFalse(LabelSelectors.matches(budget.getSpec().getSelector(), overlay.migrationPods().labels()),
                overlay + ": the budget selects the migration pods");
        // minAvailable would block every drain of an environment running one replica.
        assertEquals(new IntOrString(1), budget.getSpec().getMaxUnavailable(), overlay + ": maxUnavailable");
    }

    @EachOverlay
    void theAutoscalerScalesTheDeployment(Overlay overlay) {
        V2HorizontalPodAutoscaler autoscaler = overlay.only(V2HorizontalPodAutoscaler.class);
        V2CrossVersionObjectReference target = autoscaler.getSpec().getScaleTargetRef();
        assertEquals("apps/v1", target.getApiVersion(), overlay + ": scaleTargetRef.apiVersion");
        assertEquals("Deployment", target.getKind(), overlay + ": scaleTargetRef.kind");
        assertEquals(overlay.deployment().getMetadata().getName(), target.getName(), overlay + ": scaleTargetRef.name");
        int min = autoscaler.getSpec().getMinReplicas() == null ? 1 : autoscaler.getSpec().getMinReplicas();
        assertTrue(1 <= min && min <= autoscaler.getSpec().getMaxReplicas(),
                overlay + ": minReplicas " + min + " must be between 1 and maxReplicas " + autoscaler.getSpec().getMaxReplicas());
    }

    @EachOverlay
    void theNetworkPolicyAppliesToTheServingAndTheMigrationPods(Overlay overlay) {
        V1NetworkPolicy policy = overlay.only(V1NetworkPolicy.class);
        for (PodTemplate pods : overlay.podTemplates()) {
            assertTrue(LabelSelectors.matches(policy.getSpec().getPodSelector(), pods.labels()),
                    pods.owner() + ": the NetworkPolicy does not apply to these pods");
        }
    }
}
