package com.example.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1NetworkPolicyEgressRule;
import io.kubernetes.client.openapi.models.V1NetworkPolicyIngressRule;
import io.kubernetes.client.openapi.models.V1NetworkPolicyPort;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pods accept HTTP on 8080 and reach out only to DNS and Postgres. Anything more (the
 * token issuer's keys, a trace collector) must be added on purpose, and then here.
 */
class NetworkPolicyTest {

    @EachOverlay
    void podsAcceptConnectionsOnPort8080Only(Overlay overlay) {
        V1NetworkPolicy policy = overlay.only(V1NetworkPolicy.class);
        assertTrue(policy.getSpec().getPolicyTypes().contains("Ingress"), overlay + ": policyTypes lacks Ingress");
        List<List<V1NetworkPolicyPort>> rules = Optional.ofNullable(policy.getSpec().getIngress()).orElse(List.of())
                .stream().map(V1NetworkPolicyIngressRule::getPorts).toList();
        assertEquals(Set.of("TCP/8080"), openedPorts(overlay, rules), overlay + ": ports open inbound");
    }

    @EachOverlay
    void podsConnectOutOnlyToDnsAndPostgres(Overlay overlay) {
        V1NetworkPolicy policy = overlay.only(V1NetworkPolicy.class);
        assertTrue(policy.getSpec().getPolicyTypes().contains("Egress"),
                overlay + ": policyTypes lacks Egress, so every destination is open");
        List<List<V1NetworkPolicyPort>> rules = Optional.ofNullable(policy.getSpec().getEgress()).orElse(List.of())
                .stream().map(V1NetworkPolicyEgressRule::getPorts).toList();
        assertEquals(Set.of("UDP/53", "TCP/53", "TCP/5432"), openedPorts(overlay, rules),
                overlay + ": ports open outbound");
    }

    /**
     * The "protocol/port" pairs the rules open. A rule without ports opens every port, and a
     * range many: either fails the check rather than counting as nothing.
     */
    private static Set<String> openedPorts(Overlay overlay, List<List<V1NetworkPolicyPort>> rules) {
        for (List<V1NetworkPolicyPort> ports : rules) {
            assertFalse(ports == null || ports.isEmpty(), overlay + ": a rule without ports opens every port");
        }
        return rules.stream().flatMap(List::stream).map(port -> {
            assertNull(port.getEndPort(), overlay + ": a rule opens a range of ports: " + port);
            return (port.getProtocol() == null ? "TCP" : port.getProtocol()) + "/" + port.getPort();
        }).collect(Collectors.toSet());
    }
}
