package com.example.deploy.kubernetes;

import java.time.Duration;

/**
 * Reads a duration as Quarkus reads configuration: a bare number is seconds, "500ms" is
 * milliseconds, "5S", "2m", "1h" and "1d" gain ISO-8601's prefix, and "PT5S" is taken as it is.
 */
final class QuarkusDuration {

    private QuarkusDuration() {
    }

    static Duration parse(String value) {
        String text = value.strip();
        if (text.matches("[-+]?\\d+")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        if (text.matches("[-+]?\\d.*")) {
            return Duration.parse((text.endsWith("d") || text.endsWith("D") ? "P" : "PT") + text);
        }
        return Duration.parse(text);
    }
}
