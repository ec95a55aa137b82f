package com.example.web.problem;

import com.example.web.RequestId;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem details body, the answer to every request the service cannot fulfil.
 *
 * @param type     stable identifier of the kind of problem; clients branch on it, not on title
 * @param title    short, human-readable summary of the kind of problem
 * @param status   the HTTP status code
 * @param detail   what went wrong with this request, for a human
 * @param instance the request path this problem occurred on
 * @param errors   one entry per invalid field, for validation problems
 * @param requestId the request's id, as in its {@code X-Request-Id} response header and its log lines
 * @param traceId   the request's trace id, with tracing on: the caller's, when it sent a {@code traceparent}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors,
                      String requestId, String traceId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * Problem types are absolute URIs under this base, as RFC 9457 recommends. They identify,
     * they need not resolve; a service copied from this template puts its own domain here.
     */
    public static final URI TYPE_BASE = URI.create("https://example.com/problems/");

    /** One invalid input: a body field ({@code price}), query parameter or header. */
    public record FieldError(String field, String message) {
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
