package com.example.web.problem;

import com.example.database.DatabaseUnavailableException;
import com.example.database.TransientFailure;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns every exception that reaches the REST layer into an {@code application/problem+json}
 * response. Messages of framework and database exceptions never reach the client: they can
 * carry class names, SQL or data. Each response says what the client can do about it.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** PostgreSQL's insufficient_privilege: the application's role was not granted what it needs. */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    /** The authentication scheme writes ask for (RFC 6750). */
    private static final String BEARER = "Bearer";

    /** Seconds a client should wait before retrying a request the database could not serve. */
    private static final String RETRY_AFTER_SECONDS = "5";

    private final AllowedMethods allowedMethods;
    private final Counter unreachable;
    private final Counter busy;
    private final Counter timedOut;

    ProblemMappers(AllowedMethods allowedMethods, MeterRegistry metrics) {
        this.allowedMethods = allowedMethods;
        this.unreachable = refusedCounter(metrics, "unreachable");
        this.busy = refusedCounter(metrics, "busy");
        this.timedOut = refusedCounter(metrics, "timeout");
    }

    /** Requests answered 503 because the database could not serve them, by reason (README "Metrics"). */
    private static Counter refusedCounter(MeterRegistry metrics, String reason) {
        return Counter.builder("database.requests.refused")
                .description("Requests answered 503 because the database could not serve them")
                .tag("reason", reason)
                .register(metrics);
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        LOG.debugf("%d %s: %s", e.status(), uri.getPath(), e.getMessage());
        return ProblemResponses.of(e, uri);
    }

    /**
     * The database cannot serve the request now, retries included: 503, try again later. An
     * outage is not logged here, once per request: the database's state logs when it goes and
     * comes back. A deadline is logged, one line per request: it points at a lock or a statement
     * to look into, and the database is otherwise well.
     */
    @ServerExceptionMapper
    public Response unavailable(DatabaseUnavailableException e, ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        return switch (e.reason()) {
            case BUSY -> {
                busy.increment();
                yield serviceUnavailable("The service is busy: every database connection is in use; retry after the time in Retry-After.", uri);
            }
            case TIMED_OUT -> timedOut(e.sqlState().orElse("none"), request);
            case UNREACHABLE -> unreachable(uri);
        };
    }

    /** JAX-RS's own outcomes: unknown resource, wrong method, wrong media type. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        Optional<String> allowed = allowedMethods.forPath(uri.getRequestUri().getPath());
        // Quarkus REST says 404 when a method is missing from one resource class and the path
        // falls through to another; the path does exist, so it is a 405.
        if (status == 405 || status == 404 && allowed.filter(a -> !allows(a, request.getMethod())).isPresent()) {
            return ProblemResponses.of(problem(ProblemTypes.METHOD_NOT_ALLOWED, "Method not allowed", 405,
                    "This resource does not support the request's method.", uri),
                    allowed.map(allow -> Map.of(HttpHeaders.ALLOW, allow)).orElse(Map.of()));
        }
        Problem problem = switch (status) {
            case 404 -> problem(ProblemTypes.NOT_FOUND, "Not found", 404,
                    "No resource exists at this path.", uri);
            case 406 -> problem(ProblemTypes.NOT_ACCEPTABLE, "Not acceptable", 406,
                    "This resource answers in application/json only.", uri);
            case 415 -> problem(ProblemTypes.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", 415,
                    "Send the request body as application/json.", uri);
            case 400 -> problem(ProblemTypes.MALFORMED_REQUEST, ProblemTypes.MALFORMED_REQUEST_TITLE, 400,
                    "The request could not be read.", uri);
            default -> genericProblem(status, uri);
        };
        return ProblemResponses.of(problem, Map.of());
    }

    /**
     * A write without a bearer token, where one is needed (README "Security"). Declared for the
     * exact types Quarkus maps itself, so that these replace its bodiless answers; the challenge
     * header is then ours to send. The token is never echoed.
     */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return ProblemResponses.of(problem(ProblemTypes.UNAUTHORIZED, "Unauthorized", 401,
                "This request needs a bearer token: send Authorization: Bearer <token>.", uri),
                Map.of(HttpHeaders.WWW_AUTHENTICATE, BEARER));
    }

    /** A token that fails a check: signature, issuer, audience, expiry, or not a JWT at all. */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return ProblemResponses.of(problem(ProblemTypes.UNAUTHORIZED, "Unauthorized", 401,
                "The bearer token was not accepted: it is malformed, expired, or not signed for this service.", uri),
                Map.of(HttpHeaders.WWW_AUTHENTICATE, BEARER + " error=\"invalid_token\""));
    }

    /** A valid token without the role the request needs. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return ProblemResponses.of(problem(ProblemTypes.FORBIDDEN, "Forbidden", 403,
                "The bearer token does not carry the role this request needs.", uri),
                Map.of(HttpHeaders.WWW_AUTHENTICATE, BEARER + " error=\"insufficient_scope\""));
    }

    /** Bean Validation of request bodies and parameters: one field error per violation. */
    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(field(violation), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        return problem(ProblemException.invalid(errors), uri);
    }

    /** Declared for its own type so that it replaces Quarkus's built-in mapper of it. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    /** Unreadable JSON or a value of the wrong type: say which field, never the parser's text. */
    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        // The parser wraps what its input stream threw, such as the body size limit's problem.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ProblemException problem) {
                return problem(problem, uri);
            }
        }
        String detail;
        if (e instanceof JsonParseException) {
            detail = "The request body is not valid JSON.";
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            detail = "Field '" + jsonPath(unknown) + "' is not recognised.";
        } else if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            detail = "Field '" + jsonPath(mapping) + "' has a value of the wrong type or format.";
        } else {
            detail = "The request body does not have the expected shape.";
        }
        return ProblemResponses.of(problem(ProblemTypes.MALFORMED_REQUEST, ProblemTypes.MALFORMED_REQUEST_TITLE, 400, detail, uri),
                Map.of());
    }

    /**
     * A database constraint that no feature translated into its own problem. Features map the
     * constraints they expect (a taken SKU); this is the safety net, so it logs the constraint.
     */
    @ServerExceptionMapper
    public Response constraint(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        LOG.warnf("Untranslated database constraint violation on %s: constraint=%s sqlstate=%s",
                uri.getPath(), e.getConstraintName(), e.getSQLState());
        return ProblemResponses.of(problem(ProblemTypes.CONFLICT, "Conflict", 409,
                "The request conflicts with the current state of the data.", uri), Map.of());
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e, UriInfo uri) {
        return ProblemResponses.of(problem(ProblemTypes.CONCURRENT_UPDATE, "Concurrent update", 409,
                "The resource was changed by another request; read it again and retry.", uri), Map.of());
    }

    /**
     * A bug: log it whole for the operator, tell the client nothing inside. A database that is
     * away, met outside any unit of work (which would have retried), is still a 503.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        if (TransientFailure.isTimeout(e)) {
            return timedOut(TransientFailure.sqlState(e).orElseThrow(), request);
        }
        if (TransientFailure.isTransient(e)) {
            return unreachable(uri);
        }
        if (TransientFailure.sqlState(e).filter(INSUFFICIENT_PRIVILEGE::equals).isPresent()) {
            // A deploy error, not a bug: one line that says what to do, no stack trace.
            // PostgreSQL's message names the object ("permission denied for table product"), never data.
            LOG.errorf("The application's database role lacks a privilege that %s needs (%s, SQLSTATE %s):"
                    + " run migrate, or grant it (README \"Database roles\")",
                    uri.getPath(), TransientFailure.serverMessage(e).orElse("no message"), INSUFFICIENT_PRIVILEGE);
        } else {
            LOG.errorf(e, "Unexpected error on %s", uri.getPath());
        }
        return ProblemResponses.of(problem(ProblemTypes.INTERNAL_ERROR, "Internal error", 500,
                "The service failed to process the request.", uri), Map.of());
    }

    private Response unreachable(UriInfo uri) {
        unreachable.increment();
        return serviceUnavailable("The database cannot be reached right now; retry after the time in Retry-After.", uri);
    }

    /** Its SQLSTATE says which limit: 55P03 a lock, 57014 a statement, 25P03 an idle transaction. */
    private Response timedOut(String sqlState, ContainerRequestContext request) {
        timedOut.increment();
        LOG.warnf("The database ended %s %s at a deadline: SQLSTATE %s (README \"Deadlines\")",
                request.getMethod(), request.getUriInfo().getPath(), sqlState);
        return ProblemResponses.of(problem(ProblemTypes.DATABASE_TIMEOUT, "Database timeout", 503,
                "The database did not finish this request in time: it waited for data that other work holds locked,"
                        + " or ran too long. Nothing was changed; retry after the time in Retry-After.", request.getUriInfo()),
                Map.of(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS));
    }

    private static Response serviceUnavailable(String detail, UriInfo uri) {
        return ProblemResponses.of(problem(ProblemTypes.SERVICE_UNAVAILABLE, "Service unavailable", 503, detail, uri),
                Map.of(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS));
    }

    private static boolean allows(String allowHeader, String method) {
        return List.of(allowHeader.split(", ")).contains(method);
    }

    private static Problem problem(String type, String title, int status, String detail, UriInfo uri) {
        return new Problem(Problem.type(type), title, status, detail, ProblemResponses.instance(uri), List.of());
    }

    private static Problem genericProblem(int status, UriInfo uri) {
        Status known = Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String type = status >= 500 ? ProblemTypes.INTERNAL_ERROR : ProblemTypes.MALFORMED_REQUEST;
        return problem(type, title, status, title + ".", uri);
    }

    /** {@code create.body.price} → {@code price}: the client knows fields, not Java methods. */
    private static String field(ConstraintViolation<?> violation) {
        String parameter = null;
        StringBuilder property = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (!property.isEmpty()) {
                    property.append('.');
                }
                property.append(node.getName());
                if (node.getIndex() != null) {
                    property.append('[').append(node.getIndex()).append(']');
                }
            }
        }
        if (!property.isEmpty()) {
            return property.toString();
        }
        return parameter == null ? "body" : parameter;
    }

    private static String jsonPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null
                        ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
