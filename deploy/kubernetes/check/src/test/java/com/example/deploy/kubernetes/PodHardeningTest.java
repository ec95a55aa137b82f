package com.example.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Capabilities;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1SeccompProfile;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Every container, the serving pods' and the migration Job's, runs with the least it needs: the
 * image's unprivileged user, a read-only root file system, no way to gain privileges, bounded
 * resources, and no Kubernetes API token.
 */
class PodHardeningTest {

    /** The unprivileged user (and its group) of docker/Dockerfile.jvm. */
    private static final long IMAGE_USER = 185;

    @EachOverlay
    void everyContainerRunsAsTheImagesUnprivilegedUser(Overlay overlay) {
        forEachContainer(overlay, (pod, container) -> {
            String where = pod.describe(container);
            assertEquals(Optional.of(true),
                    pod.effective(container, V1SecurityContext::getRunAsNonRoot, V1PodSecurityContext::getRunAsNonRoot),
                    where + ": runAsNonRoot");
            assertEquals(Optional.of(IMAGE_USER),
                    pod.effective(container, V1SecurityContext::getRunAsUser, V1PodSecurityContext::getRunAsUser),
                    where + ": runAsUser");
            assertEquals(Optional.of(IMAGE_USER),
                    pod.effective(container, V1SecurityContext::getRunAsGroup, V1PodSecurityContext::getRunAsGroup),
                    where + ": runAsGroup");
        });
    }

    @EachOverlay
    void everyContainerHasAReadOnlyRootFileSystemAndWritesOnlyToAnEmptyDirAtTmp(Overlay overlay) {
        forEachContainer(overlay, (pod, container) -> {
            String where = pod.describe(container);
            assertEquals(Optional.of(true), Optional.ofNullable(container.getSecurityContext())
                    .map(V1SecurityContext::getReadOnlyRootFilesystem), where + ": readOnlyRootFilesystem");
            List<V1VolumeMount> mounts = Optional.ofNullable(container.getVolumeMounts()).orElse(List.of());
            V1VolumeMount tmp = mounts.stream().filter(mount -> "/tmp".equals(mount.getMountPath())).findFirst()
                    .orElseThrow(() -> new AssertionError(where + ": nothing mounted at /tmp"));
            V1Volume volume = pod.spec().getVolumes().stream()
                    .filter(candidate -> candidate.getName().equals(tmp.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError(where + ": no volume " + tmp.getName()));
            assertNotNull(volume.getEmptyDir(), where + ": /tmp is not an emptyDir");
            for (V1VolumeMount mount : mounts) {
                assertTrue(mount == tmp || Boolean.TRUE.equals(mount.getReadOnly()),
                        where + ": " + mount.getMountPath() + " is writable; /tmp is the only writable path");
            }
        });
    }

    @EachOverlay
    void noContainerCanGainPrivileges(Overlay overlay) {
        forEachContainer(overlay, (pod, container) -> {
            Optional<V1SecurityContext> context = Optional.ofNullable(container.getSecurityContext());
            assertEquals(Optional.of(false), context.map(V1SecurityContext::getAllowPrivilegeEscalation),
                    pod.describe(container) + ": allowPrivilegeEscalation");
            assertNotEquals(Optional.of(true), context.map(V1SecurityContext::getPrivileged),
                    pod.describe(container) + ": privileged");
        });
    }

    @EachOverlay
    void everyContainerDropsAllCapabilities(Overlay overlay) {
        forEachContainer(overlay, (pod, container) -> {
            Optional<V1Capabilities> capabilities =
                    Optional.ofNullable(container.getSecurityContext()).map(V1SecurityContext::getCapabilities);
            assertEquals(Optional.of(List.of("ALL")), capabilities.map(V1Capabilities::getDrop),
                    pod.describe(container) + ": capabilities.drop");
            assertTrue(capabilities.map(V1Capabilities::getAdd).map(List::isEmpty).orElse(true),
                    pod.describe(container) + ": adds capabilities");
        });
    }

    @EachOverlay
    void everyContainerUsesTheRuntimeDefaultSeccompProfile(Overlay overlay) {
        forEachContainer(overlay, (pod, container) -> assertEquals(Optional.of("RuntimeDefault"),
                pod.effective(container, V1SecurityContext::getSeccompProfile, V1PodSecurityContext::getSeccompProfile)
                        .map(V1SeccompProfile::getType),
                pod.describe(container) + ": seccompProfile.type"));
    }

    @EachOverlay
    void everyContainerRequestsAndIsLimitedInCpuAndMemory(Overlay overlay) {
        forEachContainer(overlay, (pod, container) -> {
            String where = pod.describe(container);
            assertNotNull(container.getResources(), where + ": no resources");
            Map<String, Quantity> requests = Optional.ofNullable(container.getResources().getRequests()).orElse(Map.of());
            Map<String, Quantity> limits = Optional.ofNullable(container.getResources().getLimits()).orElse(Map.of());
            for (String resource : List.of("cpu", "memory")) {
                assertTrue(requests.containsKey(resource), where + ": no " + resource + " request");
                assertTrue(limits.containsKey(resource), where + ": no " + resource + " limit");
                assertTrue(requests.get(resource).getNumber().compareTo(limits.get(resource).getNumber()) <= 0,
                        where + ": " + resource + " request above its limit");
            }
        });
    }

    @EachOverlay
    void noPodMountsAKubernetesApiToken(Overlay overlay) {
        assertAll(overlay.podTemplates().stream().map(pod -> () -> assertEquals(false,
                pod.spec().getAutomountServiceAccountToken(), pod.owner() + ": automountServiceAccountToken")));
    }

    /** Runs a check on every container and reports every container that fails it, not only the first. */
    private static void forEachContainer(Overlay overlay, BiConsumer<PodTemplate, V1Container> check) {
        assertAll(overlay.podTemplates().stream()
                .flatMap(pod -> pod.containers().stream().map(container -> () -> check.accept(pod, container))));
    }
}
