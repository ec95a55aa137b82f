package com.example.support;

import com.example.database.config.DatabaseConfigSourceFactory;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
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

    private static final List<String> DATASOURCE = List.of(
            "quarkus.datasource.jdbc.url", "quarkus.datasource.username", "quarkus.datasource.password");
    private static final Path FILE = Path.of("target", "packaged-app-database.properties");

    @Override
    public Map<String, String> start() {
        SmallRyeConfig testProfile = new SmallRyeConfigBuilder()
                .withProfile("test")
                .addDefaultSources()
                .withSources(DatabaseConfigSourceFactory.outsideQuarkus())
                .build();
        Properties properties = new Properties();
        for (String name : DATASOURCE) {
            testProfile.getOptionalValue(name, String.class).ifPresent(value -> properties.setProperty(name, value));
        }
        try {
            Files.deleteIfExists(FILE);
            Files.createFile(FILE, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(FILE)) {
                properties.store(writer, "written by PackagedAppDatabase for the packaged-jar tests");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.config.locations", FILE.toAbsolutePath().toUri().toString(),
                "quarkus.flyway.migrate-at-start", "true");
    }

    @Override
    public void stop() {
        try {
            Files.deleteIfExists(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
