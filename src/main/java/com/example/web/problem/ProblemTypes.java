package com.example.web.problem;

/**
 * The problem types that are not specific to one feature. Features define their own next to
 * their code (for instance {@code insufficient-stock}); all are listed in the README.
 */
public final class ProblemTypes {

    public static final String VALIDATION = "validation";
    public static final String MALFORMED_REQUEST = "malformed-request";
    public static final String MALFORMED_REQUEST_TITLE = "Malformed request";
    public static final String NOT_FOUND = "not-found";
    public static final String METHOD_NOT_ALLOWED = "method-not-allowed";
    public static final String NOT_ACCEPTABLE = "not-acceptable";
    public static final String CONFLICT = "conflict";
    public static final String CONCURRENT_UPDATE = "concurrent-update";
    public static final String PRECONDITION_FAILED = "precondition-failed";
    public static final String PAYLOAD_TOO_LARGE = "payload-too-large";
    public static final String PAYLOAD_TOO_LARGE_TITLE = "Payload too large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String SERVICE_UNAVAILABLE = "service-unavailable";
    public static final String DATABASE_TIMEOUT = "database-timeout";
    public static final String INTERNAL_ERROR = "internal-error";

    private ProblemTypes() {
    }
}
