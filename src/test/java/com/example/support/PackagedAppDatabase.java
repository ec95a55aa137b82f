package com.example.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives the packaged application, which runs in the prod profile and has no embedded database
 * of its own, the same database the tests use: the one the test profile resolves (the
 * {@code TEST_DATABASE_URL} or this JVM's embedded server), migrated at start.
 */
public class PackagedAppDatabase implements QuarkusTestResourceLifecycleManager {

    private static final List<String> DATASOURCE = List.of(
            "quarkus.datasource.jdbc.url", "quarkus.datasource.username", "quarkus.datasource.password");

    @Override
    public Map<String, String> start() {
        SmallRyeConfig testProfile = new SmallRyeConfigBuilder()
                .withProfile("test")
                .addDefaultSources()
                .addDiscoveredSources()
                .build();
        Map<String, String> properties = new HashMap<>();
        for (String name : DATASOURCE) {
            testProfile.getOptionalValue(name, String.class).ifPresent(value -> properties.put(name, value));
        }
        properties.put("quarkus.flyway.migrate-at-start", "true");
        return properties;
    }

    @Override
    public void stop() {
        // The embedded server stops with this JVM.
    }
}
