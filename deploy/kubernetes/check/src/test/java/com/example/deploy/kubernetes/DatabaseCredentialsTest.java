package com.example.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EnvFromSource;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Volume;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Serving pods hold the application role's pooled URL only; the owner's credentials, which can
 * change the schema, reach the migration Job alone; and no credentials ship in the manifests.
 */
class DatabaseCredentialsTest {

    /** The variables through which the service reads the owner's direct URL (README "Configuration"). */
    private static final Set<String> DIRECT_URL_VARIABLES = Set.of("DATABASE_URL_UNPOOLED", "DIRECT_URL");

    @EachOverlay
    void servingPodsReferenceNeitherTheOwnersSecretNorADirectUrl(Overlay overlay) {
        PodTemplate pods = overlay.servingPods();
        for (String secret : secretsReferenced(pods)) {
            assertFalse(secret.contains("owner"), pods.owner() + " references the owner's Secret " + secret);
        }
        for (V1Container container : pods.containers()) {
            for (V1EnvVar variable : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
                assertFalse(DIRECT_URL_VARIABLES.contains(variable.getName()),
                        pods.describe(container) + " sets " + variable.getName());
            }
        }
    }

    @EachOverlay
    void theMigrationJobReadsTheApplicationsSecretAndTheOwnersSecret(Overlay overlay) {
        List<String> serving = secretsReferenced(overlay.servingPods());
        List<String> migration = secretsReferenced(overlay.migrationPods());
        assertEquals(1, serving.size(), overlay + ": the serving pods should read one Secret, the application's: " + serving);
        // The migrations grant row access to the role of the application's DATABASE_URL.
        assertTrue(migration.containsAll(serving), overlay + ": the Job misses the application's Secret: " + migration);
        assertTrue(migration.stream().anyMatch(secret -> secret.contains("owner")),
                overlay + ": the Job reads no owner's Secret: " + migration);
    }

    @EachOverlay
    void secretNamesNameTheEnvironment(Overlay overlay) {
        // A copied overlay that still names another environment's Secret would point at its database.
        for (PodTemplate pods : overlay.podTemplates()) {
            for (String secret : secretsReferenced(pods)) {
                assertTrue(secret.endsWith("-" + overlay.name()),
                        pods.owner() + " references " + secret + ", not a Secret of " + overlay.name());
            }
        }
    }

    @EachOverlay
    void noCredentialsShipInTheManifests(Overlay overlay) {
        for (Map<String, Object> document : overlay.documents()) {
            assertFalse("Secret".equals(document.get("kind")),
                    overlay + ": a Secret is rendered; Secrets are created out of band: " + document.get("metadata"));
        }
    }

    /** Every Secret a pod reads, through envFrom, env or a volume. */
    private static List<String> secretsReferenced(PodTemplate pods) {
        Stream<String> fromContainers = pods.containers().stream().flatMap(container -> Stream.concat(
                Optional.ofNullable(container.getEnvFrom()).orElse(List.of()).stream()
                        .map(V1EnvFromSource::getSecretRef).filter(Objects::nonNull).map(ref -> ref.getName()),
                Optional.ofNullable(container.getEnv()).orElse(List.of()).stream()
                        .filter(variable -> variable.getValueFrom() != null
                                && variable.getValueFrom().getSecretKeyRef() != null)
                        .map(variable -> variable.getValueFrom().getSecretKeyRef().getName())));
        Stream<String> fromVolumes = Optional.ofNullable(pods.spec().getVolumes()).orElse(List.of()).stream()
                .flatMap(DatabaseCredentialsTest::secretsOf);
        return Stream.concat(fromContainers, fromVolumes).distinct().toList();
    }

    private static Stream<String> secretsOf(V1Volume volume) {
        Stream<String> direct = volume.getSecret() == null ? Stream.empty() : Stream.of(volume.getSecret().getSecretName());
        Stream<String> projected = volume.getProjected() == null || volume.getProjected().getSources() == null
                ? Stream.empty()
                : volume.getProjected().getSources().stream()
                        .filter(source -> source.getSecret() != null)
                        .map(source -> source.getSecret().getName());
        return Stream.concat(direct, projected);
    }
}
