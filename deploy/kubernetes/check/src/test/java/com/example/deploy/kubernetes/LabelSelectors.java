package com.example.deploy.kubernetes;

import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/** Whether a selector matches a set of labels, by the rules of the Kubernetes API. */
final class LabelSelectors {

    private LabelSelectors() {
    }

    /** A Service's selector: every pair must be present. An empty one selects no pod. */
    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    /** A workload's or policy's selector; an empty one selects every pod. */
    static boolean matches(V1LabelSelector selector, Map<String, String> labels) {
        Map<String, String> pairs = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        List<V1LabelSelectorRequirement> expressions =
                selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
        return labels.entrySet().containsAll(pairs.entrySet())
                && expressions.stream().allMatch(requirement -> matches(requirement, labels));
    }

    private static boolean matches(V1LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
        return switch (requirement.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> throw new IllegalArgumentException("unknown selector operator " + requirement.getOperator());
        };
    }
}
