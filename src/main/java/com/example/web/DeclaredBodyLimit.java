package com.example.web;

import com.example.web.problem.Problem;
import com.example.web.problem.ProblemResponses;
import com.example.web.problem.ProblemTypes;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Map;

/**
 * Refuses a request whose declared {@code Content-Length} exceeds {@code api.max-body-size}
 * with a 413 problem, before reading it. It runs ahead of Quarkus's own check of
 * {@code quarkus.http.limits.max-body-size}, which would answer with an empty body.
 * Bodies streamed without a length are limited by {@link RequestBodyLimit}.
 */
@ApplicationScoped
public class DeclaredBodyLimit {

    private final long limit;
    private final ObjectMapper json;

    DeclaredBodyLimit(ApiConfig api, ObjectMapper json) {
        this.limit = api.maxBodySize().asLongValue();
        this.json = json;
    }

    void register(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null || !isOver(declared)) {
            context.next();
            return;
        }
        Problem problem = new Problem(Problem.type(ProblemTypes.PAYLOAD_TOO_LARGE), ProblemTypes.PAYLOAD_TOO_LARGE_TITLE,
                413, RequestBodyLimit.detail(limit), context.request().path(), List.of());
        // The body stays unread, so the connection cannot carry another request.
        ProblemResponses.end(context, json, problem, Map.of(HttpHeaders.CONNECTION.toString(), "close"));
    }

    private boolean isOver(String declaredLength) {
        try {
            return Long.parseLong(declaredLength.strip()) > limit;
        } catch (NumberFormatException e) {
            return false; // the HTTP server itself rejects a malformed Content-Length
        }
    }
}
