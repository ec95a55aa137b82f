package com.example.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

/**
 * Gives the packaged application, which runs in the prod profile and has no embedded database
 * of its own, the same database the tests use: the one the test profile resolves (the
 * {@code TEST_DATABASE_URL} or this JVM's embedded server), migrated at start.
 *
 * <p>The credentials go through a file only its owner can read: Quarkus prints the command
 * line of the application it launches, so a {@code -D} password would land in the build log.
 */
public class PackagedAppDatabase implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestDatabase database = TestDatabase.resolve();
        Properties properties = new Properties();
        properties.setProperty("quarkus.datasource.jdbc.url", database.jdbcUrl());
        database.username().ifPresent(user -> properties.setProperty("quarkus.datasource.username", user));
        database.password().ifPresent(secret -> properties.setProperty("quarkus.datasource.password", secret));
        Path file;
        try {
            file = Files.createTempFile(Path.of("target"), "packaged-app-database-", ".properties",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            // Deleted when this JVM exits, not in stop(): around a change of test profile, Quarkus
            // stops the previous set of resources when the next application may still read it.
            file.toFile().deleteOnExit();
            try (Writer writer = Files.newBufferedWriter(file)) {
                properties.store(writer, "written by PackagedAppDatabase for the packaged-jar tests");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.config.locations", file.toAbsolutePath().toUri().toString(),
                "quarkus.flyway.migrate-at-start", "true");
    }

    @Override
    public void stop() {
        // The file goes when this JVM exits (see start()).
    }
}
