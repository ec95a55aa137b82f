package com.example.database.config;

import io.quarkus.runtime.configuration.ConfigUtils;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.PropertiesConfigSourceLoader;
import io.smallrye.config.SmallRyeConfig;

import java.util.Optional;

/**
 * Resolves the database configuration the way Quarkus will, before Quarkus starts: a missing
 * or malformed URL then ends the process with one line instead of a start-up stack trace.
 */
public final class DatabaseConfigCheck {

    private DatabaseConfigCheck() {
    }

    /**
     * What is wrong with the database configuration, in one line; empty if nothing is. Only a
     * packaged application is checked: dev mode falls back to its embedded database.
     */
    public static Optional<String> problem() {
        if (!isPackaged()) {
            return Optional.empty();
        }
        SmallRyeConfig config;
        try {
            // The sources Quarkus reads too: environment, system properties, config locations, and
            // application.properties in the jar and in ./config, so that the answer is the same.
            ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
            config = ConfigUtils.configBuilder()
                    .withSources(DatabaseConfigSourceFactory.outsideQuarkus())
                    .withSources(PropertiesConfigSourceLoader.inClassPath("application.properties", 250, classLoader))
                    .withSources(PropertiesConfigSourceLoader.inFileSystem("config/application.properties", 260, classLoader))
                    .build();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ConfigurationException) {
                    return Optional.of(cause.getMessage());
                }
            }
            throw e;
        }
        if (config.getOptionalValue(DatabaseConfigSourceFactory.JDBC_URL, String.class).isEmpty()) {
            return Optional.of(DatabaseUrls.PRIMARY + " is not set: give the service its database as a libpq URI"
                    + " (postgresql://user:password@host/dbname?sslmode=require) or a jdbc:postgresql:// URL");
        }
        return Optional.empty();
    }

    /**
     * Dev mode runs the application through Quarkus's development class loader, a packaged
     * application never does. (Before Quarkus starts, its launch mode still says "normal".)
     */
    private static boolean isPackaged() {
        return !DatabaseConfigCheck.class.getClassLoader().getClass().getName()
                .equals("io.quarkus.bootstrap.classloading.QuarkusClassLoader");
    }
}
