package com.example.web.problem;

import jakarta.ws.rs.core.Response;

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
}
