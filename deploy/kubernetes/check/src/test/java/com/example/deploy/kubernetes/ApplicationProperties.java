package com.example.deploy.kubernetes;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The service's own defaults (src/main/resources/application.properties), for the rules that
 * depend on them: read from the file, so that a changed default cannot leave a rule checking an
 * old number.
 */
final class ApplicationProperties {

    static final Path FILE = Overlays.kubernetesDirectory().resolve("../../src/main/resources/application.properties")
            .normalize();

    private static final Properties PROPERTIES = read();

    private ApplicationProperties() {
    }

    /** How long requests under way may finish after the shutdown delay: {@code quarkus.shutdown.timeout}. */
    static Duration shutdownTimeout() {
        String value = PROPERTIES.getProperty("quarkus.shutdown.timeout");
        if (value == null) {
            throw new AssertionError(FILE + " sets no quarkus.shutdown.timeout: requests under way would not be waited for");
        }
        return QuarkusDuration.parse(value);
    }

    private static Properties read() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(FILE)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
        return properties;
    }
}
