package com.example.web.openapi;

import com.example.web.problem.Problem;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The parts of the API document (/q/openapi) that operations share: one response per kind of
 * problem (each an {@code application/problem+json} {@link Problem}: {@link SharedResponses}
 * gives them that body), and the headers several operations send. Operations name them
 * ({@code @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)});
 * {@link SharedResponses} adds those that every operation may give.
 * Title, version, contact and licence are configuration ({@code quarkus.smallrye-openapi.info-*}).
 *
 * <p>A JAX-RS {@link Application} only because that is where MicroProfile OpenAPI reads
 * {@link OpenAPIDefinition} from; it overrides nothing, so every resource is still served.
 */
@OpenAPIDefinition(
        // Required here; application.properties (quarkus.smallrye-openapi.info-*) sets the real values.
        info = @Info(title = "Inventory API", version = "1"),
        components = @Components(
                schemas = @Schema(name = ApiDocument.PROBLEM, implementation = Problem.class),
                responses = {
                        @APIResponse(name = ApiDocument.BAD_REQUEST, description = "The request is malformed (URI, JSON,"
                                + " a value of the wrong type, an unknown field: type malformed-request) or a field,"
                                + " query parameter or header is invalid (type validation, with errors). A request the"
                                + " HTTP server itself refuses (a header with a control character) gets an empty 400."),
                        @APIResponse(name = ApiDocument.UNAUTHORIZED, description = "No bearer token, or one that is"
                                + " malformed, expired, forged, or for another issuer or audience.",
                                headers = @Header(name = ApiDocument.WWW_AUTHENTICATE, ref = ApiDocument.WWW_AUTHENTICATE)),
                        @APIResponse(name = ApiDocument.FORBIDDEN, description = "A valid token without the write role.",
                                headers = @Header(name = ApiDocument.WWW_AUTHENTICATE, ref = ApiDocument.WWW_AUTHENTICATE)),
                        @APIResponse(name = ApiDocument.NOT_FOUND, description = "No such product or reservation."),
                        @APIResponse(name = ApiDocument.NOT_ACCEPTABLE, description = "The client accepts no JSON."),
                        @APIResponse(name = ApiDocument.CONFLICT, description = "The change conflicts with the data:"
                                + " the problem's type says how (sku-taken, product-has-reservations,"
                                + " insufficient-stock, concurrent-update, conflict)."),
                        @APIResponse(name = ApiDocument.PRECONDITION_FAILED, description = "If-Match does not match the"
                                + " current ETag: the product changed since it was read."),
                        @APIResponse(name = ApiDocument.PAYLOAD_TOO_LARGE, description = "The body is over the limit"
                                + " (64 KiB by default, api.max-body-size)."),
                        @APIResponse(name = ApiDocument.UNSUPPORTED_MEDIA_TYPE, description = "The body is not application/json."),
                        @APIResponse(name = ApiDocument.UNPROCESSABLE, description = "The Idempotency-Key was already"
                                + " used by this caller for a different reservation (type idempotency-key-reused)."),
                        @APIResponse(name = ApiDocument.INTERNAL_ERROR, description = "A fault of the service; logged,"
                                + " never shown."),
                        @APIResponse(name = ApiDocument.SERVICE_UNAVAILABLE, description = "The database cannot serve the"
                                + " request right now: it cannot be reached (a Neon compute waking up or restarting; type"
                                + " service-unavailable), every connection is in use (service-unavailable), or it ended the"
                                + " request at a deadline, a lock held by other work or a statement too slow (database-timeout),"
                                + " with nothing changed. Try again after Retry-After.",
                                headers = @Header(name = ApiDocument.RETRY_AFTER, ref = ApiDocument.RETRY_AFTER))},
                headers = {
                        @Header(name = ApiDocument.REQUEST_ID, description = "The request's id: the caller's X-Request-Id"
                                + " when it is 1 to 128 visible ASCII characters, a new UUID otherwise. Also in problem"
                                + " bodies and the service's log lines.", required = true,
                                schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 128, pattern = "^[!-~]+$")),
                        @Header(name = ApiDocument.ETAG, description = "The product's version, as a strong entity tag"
                                + " (\"3\"): send it back in If-Match to change only what was read, or If-None-Match"
                                + " to be told nothing changed (304).", required = true,
                                schema = @Schema(type = SchemaType.STRING, pattern = "^\"[0-9]+\"$")),
                        @Header(name = ApiDocument.LOCATION, description = "The URL of the created resource.", required = true,
                                schema = @Schema(type = SchemaType.STRING, format = "uri")),
                        @Header(name = ApiDocument.LINK, description = "RFC 8288 links to the first, previous, next and"
                                + " last pages (rel first, prev, next, last), those that exist.",
                                schema = @Schema(type = SchemaType.STRING)),
                        @Header(name = ApiDocument.RETRY_AFTER, description = "Seconds to wait before trying again.",
                                required = true, schema = @Schema(type = SchemaType.INTEGER, minimum = "0")),
                        @Header(name = ApiDocument.WWW_AUTHENTICATE, description = "Bearer, with error=\"invalid_token\""
                                + " for a token that was sent and refused, or error=\"insufficient_scope\" for a missing role.",
                                required = true, schema = @Schema(type = SchemaType.STRING, pattern = "^Bearer( .*)?$")),
                        @Header(name = ApiDocument.IDEMPOTENT_REPLAYED, description = "Present (true) when this response"
                                + " repeats the result of an earlier request with the same Idempotency-Key.",
                                schema = @Schema(type = SchemaType.STRING, enumeration = "true"))},
                parameters = @Parameter(name = ApiDocument.REQUEST_ID, in = ParameterIn.HEADER, description = "An id for"
                        + " this request, to find it in the service's logs; one that is not 1 to 128 visible ASCII"
                        + " characters is replaced by a new UUID.", schema = @Schema(type = SchemaType.STRING))))
public class ApiDocument extends Application {

    public static final String PROBLEM = "Problem";

    public static final String BAD_REQUEST = "BadRequest";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String FORBIDDEN = "Forbidden";
    public static final String NOT_FOUND = "NotFound";
    public static final String NOT_ACCEPTABLE = "NotAcceptable";
    public static final String CONFLICT = "Conflict";
    public static final String PRECONDITION_FAILED = "PreconditionFailed";
    public static final String PAYLOAD_TOO_LARGE = "PayloadTooLarge";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    public static final String UNPROCESSABLE = "UnprocessableContent";
    public static final String INTERNAL_ERROR = "InternalError";
    public static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";

    public static final String REQUEST_ID = "X-Request-Id";
    public static final String ETAG = "ETag";
    public static final String LOCATION = "Location";
    public static final String LINK = "Link";
    public static final String RETRY_AFTER = "Retry-After";
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
}
