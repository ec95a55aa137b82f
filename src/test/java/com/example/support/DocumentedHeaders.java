package com.example.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The response headers an API document describes, per operation and status: what
 * swagger-request-validator does not check (it checks the headers described, not that nothing
 * else is sent). HTTP's own framing headers need no description.
 */
final class DocumentedHeaders {

    private static final Set<String> HTTP_FRAMING = Set.of("content-type", "content-length", "transfer-encoding",
            "connection", "keep-alive", "date");

    private record Operation(Pattern path, String method, Map<String, Set<String>> headersByStatus) {
    }

    private final List<Operation> operations;

    private DocumentedHeaders(List<Operation> operations) {
        this.operations = operations;
    }

    static DocumentedHeaders of(String document) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        List<Operation> operations = new ArrayList<>();
        root.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            Map<String, Set<String>> byStatus = new HashMap<>();
            method.getValue().path("responses").fields().forEachRemaining(status -> {
                JsonNode answer = resolve(root, status.getValue());
                Set<String> names = new HashSet<>();
                answer.path("headers").fieldNames().forEachRemaining(name -> names.add(name.toLowerCase(Locale.ROOT)));
                byStatus.put(status.getKey(), names);
            });
            Pattern template = Pattern.compile("^" + path.getKey().replaceAll("\\{[^/]+}", "[^/]+") + "$");
            operations.add(new Operation(template, method.getKey().toUpperCase(Locale.ROOT), byStatus));
        }));
        return new DocumentedHeaders(operations);
    }

    /** The headers of {@code sent} that the document does not describe for this answer; empty if none, or unknown. */
    List<String> undescribed(String method, String path, int status, Set<String> sent) {
        Optional<Set<String>> described = operations.stream()
                .filter(operation -> operation.method().equals(method) && operation.path().matcher(path).matches())
                .findFirst()
                .map(operation -> operation.headersByStatus().get(Integer.toString(status)));
        if (described.isEmpty()) {
            return List.of(); // no such operation or status: the validator reports that
        }
        return sent.stream()
                .filter(name -> !HTTP_FRAMING.contains(name.toLowerCase(Locale.ROOT)))
                .filter(name -> !described.get().contains(name.toLowerCase(Locale.ROOT)))
                .sorted()
                .toList();
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        String ref = node.path("$ref").asText("");
        if (ref.startsWith("#/")) {
            return root.at(ref.substring(1));
        }
        return node;
    }
}
