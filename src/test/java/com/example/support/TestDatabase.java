package com.example.support;

import com.example.database.config.DatabaseConfigSourceFactory;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.util.Optional;

/**
 * The database the tests use, resolved as the test profile resolves it: {@code TEST_DATABASE_URL}
 * or this JVM's embedded server. For test code that needs it outside a running application.
 *
 * @param jdbcUrl  the JDBC URL
 * @param username the user, if any
 * @param password the password, if any
 */
public record TestDatabase(String jdbcUrl, Optional<String> username, Optional<String> password) {

    public static TestDatabase resolve() {
        SmallRyeConfig testProfile = new SmallRyeConfigBuilder()
                .withProfile("test")
                .addDefaultSources()
                .withSources(DatabaseConfigSourceFactory.outsideQuarkus())
                .build();
        return new TestDatabase(testProfile.getValue("quarkus.datasource.jdbc.url", String.class),
                testProfile.getOptionalValue("quarkus.datasource.username", String.class),
                testProfile.getOptionalValue("quarkus.datasource.password", String.class));
    }
}
