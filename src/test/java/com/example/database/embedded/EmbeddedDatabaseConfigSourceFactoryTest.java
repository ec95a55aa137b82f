package com.example.database.embedded;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which database each profile gets when the configuration names none. */
class EmbeddedDatabaseConfigSourceFactoryTest {

    private static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    private static final String PRODUCTION = "postgresql://owner:prod-secret@ep-prod-pooler.neon.tech/neondb?sslmode=require";

    private static SmallRyeConfig config(String profile, Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(properties, "test properties", 300))
                .withSources(new EmbeddedDatabaseConfigSourceFactory())
                .build();
    }

    private static Optional<String> value(SmallRyeConfig config, String name) {
        return config.getOptionalValue(name, String.class);
    }

    @Test
    void productionNeverGetsADatabaseItWasNotGiven() {
        SmallRyeConfig prod = config("prod", Map.of("DATABASE_URL_SOMEWHERE_ELSE", "x"));

        assertEquals(Optional.empty(), value(prod, JDBC_URL));
    }

    @Test
    void testsUseTestDatabaseUrlTranslatedAndNeverDatabaseUrl() {
        SmallRyeConfig test = config("test", Map.of(
                "TEST_DATABASE_URL", "postgresql://ci:p%40ss@ci-branch.neon.tech:6543/app?sslmode=require",
                "DATABASE_URL", PRODUCTION));

        assertEquals(Optional.of("jdbc:postgresql://ci-branch.neon.tech:6543/app?sslmode=require"), value(test, JDBC_URL));
        assertEquals(Optional.of("ci"), value(test, "quarkus.datasource.username"));
        assertEquals(Optional.of("p@ss"), value(test, "quarkus.datasource.password"));
    }

    @Test
    void anExplicitDatasourceUrlWins() {
        SmallRyeConfig test = config("test", Map.of(
                JDBC_URL, "jdbc:postgresql://explicit:5432/db",
                "TEST_DATABASE_URL", "postgresql://ci@elsewhere/app"));

        assertEquals(Optional.of("jdbc:postgresql://explicit:5432/db"), value(test, JDBC_URL));
        assertEquals(Optional.empty(), value(test, "quarkus.datasource.username"));
    }

    @Test
    void devModeWithoutAUrlGetsTheEmbeddedServer() {
        SmallRyeConfig dev = config("dev", Map.of("DATABASE_URL", PRODUCTION));

        String url = value(dev, JDBC_URL).orElseThrow();
        assertTrue(url.startsWith("jdbc:postgresql://localhost:"), url);
        assertEquals(Optional.of("postgres"), value(dev, "quarkus.datasource.username"));
    }
}
