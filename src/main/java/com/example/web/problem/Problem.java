package com.example.web.problem;

import com.example.web.RequestId;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem details body, the answer to every request the service cannot fulfil. The
 * descriptions below are the API document's (OpenAPI schema {@code Problem}).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details: the body of every error response.",
        requiredProperties = {"type", "title", "status", "requestId"})
public record Problem(
        @Schema(format = "uri", example = "https://example.com/problems/not-found",
                description = "Stable identifier of the kind of problem: clients branch on it, not on title.")
        URI type,
        @Schema(description = "Short, human-readable summary of the kind of problem.")
        String title,
        @Schema(minimum = "100", maximum = "599", description = "The HTTP status code.")
        int status,
        @Schema(description = "What went wrong with this request, for a human.")
        String detail,
        @Schema(description = "The request path this problem occurred on.")
        String instance,
        @Schema(description = "One entry per invalid field, query parameter or header, for validation problems.")
        List<FieldError> errors,
        @Schema(description = "The request's id, as in its X-Request-Id response header and its log lines.")
        String requestId,
        @Schema(description = "The request's trace id, with tracing on: the caller's, when it sent a traceparent.")
        String traceId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * Problem types are absolute URIs under this base, as RFC 9457 recommends. They identify,
     * they need not resolve; a service copied from this template puts its own domain here.
     */
    public static final URI TYPE_BASE = URI.create("https://example.com/problems/");

    /** One invalid input: a body field ({@code price}), query parameter or header. */
    @Schema(name = "FieldError", description = "One invalid input.", requiredProperties = {"field", "message"})
    public record FieldError(
            @Schema(description = "The body field (price), query parameter (size) or header (Idempotency-Key).")
            String field,
            @Schema(description = "What is wrong with it.")
            String message) {
    }

    /** A problem of the request being served: its request and trace ids are filled in. */
    public Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, errors, RequestId.current().orElse(null), currentTraceId());
    }

    public static URI type(String slug) {
        return TYPE_BASE.resolve(slug);
    }

    private static String currentTraceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }
}
