package com.example.web.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.Map;

/** Builds problem responses, for the exception mappers and for the HTTP layer below JAX-RS. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response of(Problem problem, Map<String, String> headers) {
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem);
        headers.forEach(response::header);
        return response.build();
    }

    /** The response to {@code e}, on the request at {@code uri}. */
    public static Response of(ProblemException e, UriInfo uri) {
        return of(e.toProblem(instance(uri)), e.headers());
    }

    /** A problem's {@code instance}: the request's path, as sent. */
    static String instance(UriInfo uri) {
        return uri.getRequestUri().getRawPath();
    }

    /** Answers {@code context} with {@code problem} from a Vert.x route, which runs before JAX-RS. */
    public static void end(RoutingContext context, ObjectMapper json, Problem problem, Map<String, String> headers) {
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            context.fail(e);
            return;
        }
        HttpServerResponse response = context.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        headers.forEach(response::putHeader);
        response.end(body);
    }
}
