package com.example.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Job;
import java.util.List;

/**
 * The migration Job brings the schema to the version the serving pods' image expects, once per
 * release, and does not linger.
 */
class MigrationJobTest {

    @EachOverlay
    void theJobMigratesWithTheImageTheDeploymentServes(Overlay overlay) {
        List<V1Container> containers = overlay.migrationPods().spec().getContainers();
        assertEquals(1, containers.size(), overlay + ": the Job should run one container");
        V1Container migrate = containers.get(0);
        // The started probe waits for exactly the schema version the serving image ships.
        assertEquals(DeploymentRulesTest.server(overlay).getImage(), migrate.getImage(), overlay + ": image");
        assertEquals(List.of("migrate"), migrate.getArgs(), overlay + ": args");
    }

    @EachOverlay
    void eachReleaseIsANewJobNamedAfterItsImageTag(Overlay overlay) {
        // A Job's pod template cannot change: a release that re-used the name would be refused.
        String image = overlay.migrationPods().spec().getContainers().get(0).getImage();
        String tag = image.substring(image.lastIndexOf(':') + 1);
        assertEquals("inventory-service-migrate-" + tag, overlay.migrationJob().getMetadata().getName(), overlay + ": Job name");
    }

    @EachOverlay
    void theJobRetriesBoundedlyAndIsCleanedUp(Overlay overlay) {
        V1Job job = overlay.migrationJob();
        assertEquals("Never", job.getSpec().getTemplate().getSpec().getRestartPolicy(),
                overlay + ": restartPolicy (a new pod per attempt keeps each attempt's log)");
        assertNotNull(job.getSpec().getBackoffLimit(), overlay + ": backoffLimit");
        assertNotNull(job.getSpec().getActiveDeadlineSeconds(), overlay + ": activeDeadlineSeconds");
        // Deleted after a while: its log and status are kept a day, not for ever.
        assertNotNull(job.getSpec().getTtlSecondsAfterFinished(), overlay + ": ttlSecondsAfterFinished");
    }
}
