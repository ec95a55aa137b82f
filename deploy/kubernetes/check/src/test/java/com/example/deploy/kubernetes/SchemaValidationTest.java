package com.example.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every overlay renders objects that fit the Kubernetes 1.32 API's types: known kinds and fields,
 * values of the right type. (Enumerated values and name formats are the API server's to check.)
 * The check itself rejects such mistakes, shown on broken copies of an overlay.
 */
class SchemaValidationTest {

    @EachOverlay
    void everyRenderedObjectIsValidForKubernetes132(Overlay overlay) {
        assertFalse(overlay.objects().isEmpty(), overlay + " renders nothing");
    }

    @EachOverlay
    void rendersTheDeploymentItsServiceAutoscalerBudgetPolicyAndMigrationJob(Overlay overlay) {
        overlay.only(V1Deployment.class);
        overlay.only(V1Service.class);
        overlay.only(V2HorizontalPodAutoscaler.class);
        overlay.only(V1PodDisruptionBudget.class);
        overlay.only(V1NetworkPolicy.class);
        overlay.only(V1Job.class);
    }

    @Test
    void aMisspelledFieldIsRejected(@TempDir Path copy) throws IOException {
        String deployment = renderDeploymentWithPatch(copy, """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: inventory-service
                spec:
                  template:
                    spec:
                      containers:
                        - name: inventory-service
                          readinesProbe:
                            httpGet: {path: /q/health/ready, port: http}
                """, "readinesProbe");
        assertRejected(deployment, "readinesProbe");
    }

    @Test
    void textWhereTheApiWantsANumberIsRejected(@TempDir Path copy) throws IOException {
        String deployment = renderDeploymentWithPatch(copy, """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: inventory-service
                spec:
                  replicas: "three"
                """, "replicas: three");
        assertRejected(deployment, "replicas");
    }

    @Test
    void textWhereTheApiWantsABooleanIsRejected(@TempDir Path copy) throws IOException {
        String deployment = renderDeploymentWithPatch(copy, """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: inventory-service
                spec:
                  template:
                    spec:
                      automountServiceAccountToken: "false"
                """, "automountServiceAccountToken: \"false\"");
        assertRejected(deployment, "automountServiceAccountToken");
    }

    @Test
    void aFractionWhereTheApiWantsAWholeNumberIsRejected(@TempDir Path copy) throws IOException {
        String deployment = renderDeploymentWithPatch(copy, """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: inventory-service
                spec:
                  template:
                    spec:
                      terminationGracePeriodSeconds: 30.5
                """, "terminationGracePeriodSeconds: 30.5");
        assertRejected(deployment, "terminationGracePeriodSeconds");
    }

    @Test
    void aKindTheCheckHasNoSchemaForIsRejected() {
        Map<String, Object> secret = Map.of(
                "apiVersion", "v1", "kind", "Secret", "metadata", Map.of("name", "inventory-database"));
        var rejection = assertThrows(KubernetesSchemas.InvalidObjectException.class,
                () -> KubernetesSchemas.validate(secret));
        assertTrue(rejection.getMessage().contains("not a kind this check knows"), rejection.getMessage());
    }

    @Test
    void aKindUnderAnApiVersionKubernetes132NoLongerServesIsRejected() {
        Map<String, Object> deployment = Map.of(
                "apiVersion", "extensions/v1beta1", "kind", "Deployment", "metadata", Map.of("name", "x"));
        assertThrows(KubernetesSchemas.InvalidObjectException.class, () -> KubernetesSchemas.validate(deployment));
    }

    /**
     * Renders a kustomization that takes a real overlay and applies one broken patch, as a
     * developer's typo would, and checks that the mistake survives rendering: kubectl itself
     * does not catch it, so only the schema check stands between it and the cluster.
     */
    private static String renderDeploymentWithPatch(Path copy, String patch, String mistakeAsRendered)
            throws IOException {
        Files.writeString(copy.resolve("broken.yaml"), patch);
        // Kustomize takes other kustomizations by relative path only.
        Path overlay = copy.toAbsolutePath().relativize(Overlays.any().directory());
        Files.writeString(copy.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - %s
                patches:
                  - path: broken.yaml
                """.formatted(overlay));
        String rendered = Kustomize.render(copy);
        assertTrue(rendered.contains(mistakeAsRendered),
                "kubectl did not render the mistake \"" + mistakeAsRendered + "\":\n" + rendered);
        return rendered;
    }

    private static void assertRejected(String rendered, String field) {
        Map<String, Object> deployment = Manifests.parse(rendered).stream()
                .filter(document -> "Deployment".equals(document.get("kind")))
                .findFirst()
                .orElseThrow();
        var rejection = assertThrows(KubernetesSchemas.InvalidObjectException.class,
                () -> KubernetesSchemas.validate(deployment));
        assertTrue(rejection.getMessage().contains(field),
                "the rejection should name " + field + ": " + rejection.getMessage());
    }
}
