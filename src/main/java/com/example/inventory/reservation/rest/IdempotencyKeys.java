package com.example.inventory.reservation.rest;

import com.example.web.problem.ProblemException;

import java.util.regex.Pattern;

/**
 * Reads the {@code Idempotency-Key} request header (IETF draft "The Idempotency-Key HTTP
 * Header Field"): required on reservations, a bare token or a quoted string.
 */
final class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";

    /** Visible ASCII, as fits a header and a log line; a UUID is the usual choice. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    /** The header as the API document describes it: the key, bare or quoted. */
    static final String PATTERN = "^(?!\"\"$)[!-~]{1,255}$|^\"[!-~]{1,255}\"$";
    static final int MAX_LENGTH = 257;

    private IdempotencyKeys() {
    }

    static String require(String header) {
        if (header == null || header.isBlank()) {
            throw ProblemException.invalid(HEADER, "is required: send a new unique value (e.g. a UUID) per reservation");
        }
        String key = header.strip();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        if (!KEY.matcher(key).matches()) {
            throw ProblemException.invalid(HEADER, "must be 1 to 255 visible ASCII characters");
        }
        return key;
    }
}
