package com.example.web.problem;

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
}
