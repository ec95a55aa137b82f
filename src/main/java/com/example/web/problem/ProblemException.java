package com.example.web.problem;

import jakarta.ws.rs.core.Response.Status;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Thrown wherever a request cannot be fulfilled for a reason the client should hear about;
 * {@link ProblemMappers} turns it into a problem details response. These are expected
 * outcomes, not bugs, so no stack trace is captured.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Map<String, String> headers;

    /**
     * @param status the HTTP status (an int: JAX-RS's {@code Status} lacks some, such as 422)
     * @param type   the problem type's slug, see {@link Problem#type(String)}
     * @param title  the short summary, the same for every problem of this type
     * @param detail what went wrong with this request
     */
    public ProblemException(int status, String type, String title, String detail) {
        this(status, type, title, detail, List.of(), Map.of());
    }

    public ProblemException(Status status, String type, String title, String detail) {
        this(status.getStatusCode(), type, title, detail);
    }

    private ProblemException(int status, String type, String title, String detail,
                             List<Problem.FieldError> errors, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    /** 400: one or more inputs are invalid; each field error names the input. */
    public static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(Status.BAD_REQUEST.getStatusCode(), ProblemTypes.VALIDATION, "Request is not valid",
                "See 'errors' for the invalid fields.", errors, Map.of());
    }

    /** 400: a single input is invalid. */
    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new Problem.FieldError(field, message)));
    }

    /** 404: the addressed resource does not exist. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(Status.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", detail);
    }

    /** The same problem, with a response header (for instance {@code Retry-After}). */
    public ProblemException withHeader(String name, String value) {
        Map<String, String> merged = new HashMap<>(headers);
        merged.put(name, value);
        return new ProblemException(status, type, title, getMessage(), errors, merged);
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.type(type), title, status, getMessage(), instance, errors);
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
