package com.example.database.config;

import io.quarkus.runtime.configuration.ConfigurationException;
import com.example.database.work.RetryConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which database each profile gets, from which variables. */
class DatabaseConfigSourceFactoryTest {

    private static final String SECRET = "npg_S3cr#t";
    private static final String POOLED = "postgresql://alex:npg_S3cr%23t@ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech/neondb"
            + "?sslmode=require&channel_binding=require";

    /** The service's own defaults, as Quarkus loads them (e.g. database.allow-insecure from DB_ALLOW_INSECURE). */
    private static final PropertiesConfigSource APPLICATION_PROPERTIES = applicationProperties();

    private static PropertiesConfigSource applicationProperties() {
        try {
            return new PropertiesConfigSource(DatabaseConfigSourceFactoryTest.class.getResource("/application.properties"), 250);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SmallRyeConfig config(String profile, String... properties) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            values.put(properties[i], properties[i + 1]);
        }
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .addDefaultInterceptors()
                .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus's: 5S, 100ms
                .withMapping(RetryConfig.class)
                .withSources(new PropertiesConfigSource(values, "environment", 300))
                .withSources(APPLICATION_PROPERTIES)
                .withSources(DatabaseConfigSourceFactory.outsideQuarkus())
                .withInterceptors(new PersistenceUnitActivation())
                .build();
    }

    private static Optional<String> value(SmallRyeConfig config, String name) {
        return config.getOptionalValue(name, String.class);
    }

    @Test
    void neonPooledUrlServesTheApplicationAndItsDirectHostServesMigrations() {
        SmallRyeConfig prod = config("prod", "DATABASE_URL", POOLED);

        assertEquals(Optional.of("jdbc:postgresql://ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech:5432/neondb"
                + "?sslmode=require&channelBinding=require"), value(prod, "quarkus.datasource.jdbc.url"));
        assertEquals(Optional.of("alex"), value(prod, "quarkus.datasource.username"));
        assertEquals(Optional.of(SECRET), value(prod, "quarkus.datasource.password"));
        assertEquals(Optional.of("jdbc:postgresql://ep-cool-darkness-123456.us-east-2.aws.neon.tech:5432/neondb"
                + "?sslmode=require&channelBinding=require"), value(prod, "quarkus.flyway.jdbc-url"));
        assertEquals(Optional.of("alex"), value(prod, "quarkus.flyway.username"));
        assertEquals(Optional.of(SECRET), value(prod, "quarkus.flyway.password"));
        assertEquals(Optional.empty(), value(prod, "quarkus.datasource.replica.jdbc.url"));
        assertEquals(Optional.empty(), value(prod, "quarkus.hibernate-orm.active"));
    }

    @Test
    void unpooledUrlWinsOverDirectUrlWhichWinsOverDerivation() {
        String unpooled = "postgresql://owner:o@direct-a.example/db?sslmode=require";
        String direct = "postgresql://owner:o@direct-b.example/db?sslmode=require";

        assertEquals(Optional.of("jdbc:postgresql://direct-a.example:5432/db?sslmode=require"), value(
                config("prod", "DATABASE_URL", POOLED, "DATABASE_URL_UNPOOLED", unpooled, "DIRECT_URL", direct),
                "quarkus.flyway.jdbc-url"));
        assertEquals(Optional.of("jdbc:postgresql://direct-b.example:5432/db?sslmode=require"), value(
                config("prod", "DATABASE_URL", POOLED, "DIRECT_URL", direct), "quarkus.flyway.jdbc-url"));
        assertEquals(Optional.of("owner"), value(
                config("prod", "DATABASE_URL", POOLED, "DIRECT_URL", direct), "quarkus.flyway.username"));
    }

    @Test
    void nonNeonUrlMigratesOverTheApplicationsOwnDatasource() {
        SmallRyeConfig prod = config("prod", "DATABASE_URL", "postgres://u@db.internal:6432/app?sslmode=verify-full");

        assertEquals(Optional.of("jdbc:postgresql://db.internal:6432/app?sslmode=verify-full"),
                value(prod, "quarkus.datasource.jdbc.url"));
        assertEquals(Optional.empty(), value(prod, "quarkus.flyway.jdbc-url"));
    }

    @Test
    void explicitReadWriteUrlWinsOverDatabaseUrl() {
        SmallRyeConfig prod = config("prod", "DATABASE_URL", POOLED,
                "DATABASE_URL_RW", "postgresql://rw:pw@primary.example/app?sslmode=require");

        assertEquals(Optional.of("jdbc:postgresql://primary.example:5432/app?sslmode=require"),
                value(prod, "quarkus.datasource.jdbc.url"));
        assertEquals(Optional.of("rw"), value(prod, "quarkus.datasource.username"));
    }

    @Test
    void readReplicaGetsItsOwnDatasource() {
        SmallRyeConfig prod = config("prod", "DATABASE_URL", POOLED,
                "DATABASE_URL_RO", "postgresql://reader:r@ep-replica-99-pooler.us-east-2.aws.neon.tech/neondb?sslmode=require");

        assertEquals(Optional.of("jdbc:postgresql://ep-replica-99-pooler.us-east-2.aws.neon.tech:5432/neondb?sslmode=require"),
                value(prod, "quarkus.datasource.replica.jdbc.url"));
        assertEquals(Optional.of("reader"), value(prod, "quarkus.datasource.replica.username"));
        assertEquals(Optional.of("r"), value(prod, "quarkus.datasource.replica.password"));
    }

    @Test
    void quarkusOwnDatasourceSettingWins() {
        SmallRyeConfig prod = config("prod", "DATABASE_URL", POOLED,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://explicit:5432/db");

        assertEquals(Optional.of("jdbc:postgresql://explicit:5432/db"), value(prod, "quarkus.datasource.jdbc.url"));
        assertEquals(Optional.empty(), value(prod, "quarkus.datasource.username"));
        assertEquals(Optional.empty(), value(prod, "quarkus.hibernate-orm.active"));
    }

    @Test
    void productionWithoutAUrlGetsNoDatabaseNotEvenTheTestOne() {
        SmallRyeConfig prod = config("prod", "TEST_DATABASE_URL", "postgresql://ci@ci-branch.example/app?sslmode=require");

        assertEquals(Optional.empty(), value(prod, "quarkus.datasource.jdbc.url"));
        // Hibernate ORM, which starts first, leaves the one line to DatabaseConfigCheck.
        assertEquals(Optional.of("false"), value(prod, "quarkus.hibernate-orm.active"));
    }

    @Test
    void urlThatMayFallBackToPlainTextIsRefusedUnlessAllowed() {
        SmallRyeConfig plain = config("prod", "DATABASE_URL", "postgresql://u:" + SECRET + "@db.example.com/app");
        String refused = DatabaseConfigCheck.problem(plain).orElseThrow();
        assertTrue(refused.startsWith("DATABASE_URL: sslmode=prefer"), refused);
        assertFalse(refused.contains(SECRET), refused);
        assertEquals(Optional.empty(), value(plain, "quarkus.datasource.jdbc.url"));

        assertTrue(DatabaseConfigCheck.problem(config("prod", "DATABASE_URL", POOLED,
                "DATABASE_URL_RO", "postgresql://u:p@replica.example.com/app?sslmode=disable")).isPresent());

        SmallRyeConfig allowed = config("prod", "DATABASE_URL", "postgresql://u:p@db.example.com/app?sslmode=disable",
                "DB_ALLOW_INSECURE", "true");
        assertEquals(Optional.of("jdbc:postgresql://db.example.com:5432/app?sslmode=disable"),
                value(allowed, "quarkus.datasource.jdbc.url"));
    }

    @Test
    void sslTrueEncryptsAndIsAccepted() {
        SmallRyeConfig prod = config("prod", "DATABASE_URL", "jdbc:postgresql://db.example.com:5432/app?ssl=true");

        assertEquals(Optional.of("jdbc:postgresql://db.example.com:5432/app?ssl=true"), value(prod, "quarkus.datasource.jdbc.url"));
        assertEquals(Optional.of("jdbc:postgresql://db.example.com:5432/app?ssl"),
                value(config("prod", "DATABASE_URL", "jdbc:postgresql://db.example.com:5432/app?ssl"), "quarkus.datasource.jdbc.url"));
    }

    @Test
    void aNameThatStartsLikeALoopbackAddressIsRemote() {
        String refused = DatabaseConfigCheck.problem(config("prod", "DATABASE_URL", "postgresql://u:p@127.0.0.1.example.com/app"))
                .orElseThrow();

        assertTrue(refused.startsWith("DATABASE_URL: sslmode=prefer"), refused);
    }

    @Test
    void loopbackNeedsNoEncryption() {
        SmallRyeConfig local = config("prod", "DATABASE_URL", "postgresql://u:p@127.0.0.1:6432/app");

        assertEquals(Optional.of("jdbc:postgresql://127.0.0.1:6432/app"), value(local, "quarkus.datasource.jdbc.url"));
    }

    @Test
    void malformedUrlIsAConfigurationErrorNamingTheVariableAndNotThePassword() {
        String refused = DatabaseConfigCheck.problem(config("prod",
                "DATABASE_URL", POOLED, "DATABASE_URL_UNPOOLED", "postgresql://u:" + SECRET + "@h:99999/db")).orElseThrow();

        assertTrue(refused.startsWith("DATABASE_URL_UNPOOLED: "), refused);
        assertTrue(refused.contains("port"), refused);
        assertFalse(refused.contains(SECRET), refused);
        assertEquals(Optional.of("false"), value(config("prod", "DATABASE_URL", "postgresql://u@h:99999/db"),
                "quarkus.hibernate-orm.active"));
    }

    @Test
    void testsUseTestDatabaseUrlAndNeverDatabaseUrl() {
        SmallRyeConfig test = config("test",
                "TEST_DATABASE_URL", "postgresql://ci:p%40ss@ci-branch.example:6543/app?sslmode=require",
                "DATABASE_URL", POOLED);

        assertEquals(Optional.of("jdbc:postgresql://ci-branch.example:6543/app?sslmode=require"),
                value(test, "quarkus.datasource.jdbc.url"));
        assertEquals(Optional.of("ci"), value(test, "quarkus.datasource.username"));
        assertEquals(Optional.of("p@ss"), value(test, "quarkus.datasource.password"));
        assertEquals(Optional.empty(), value(test, "quarkus.flyway.jdbc-url"));
    }

    @Test
    void testsRefuseADatasourceUrlThatWasNotSetForThem() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> config("test",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://prod.example:5432/db"));

        assertTrue(e.getMessage().contains("TEST_DATABASE_URL"), e.getMessage());
    }

    @Test
    void testsUseADatasourceUrlSetForTheTestProfileOnPurpose() {
        SmallRyeConfig test = config("test", "%test.quarkus.datasource.jdbc.url", "jdbc:postgresql://ci.example:5432/db");

        assertEquals(Optional.of("jdbc:postgresql://ci.example:5432/db"), value(test, "quarkus.datasource.jdbc.url"));
    }

    @Test
    void testsWithoutTestDatabaseUrlGetTheEmbeddedServerEvenWhenDatabaseUrlIsSet() {
        String url = value(config("test", "DATABASE_URL", POOLED), "quarkus.datasource.jdbc.url").orElseThrow();

        assertTrue(url.startsWith("jdbc:postgresql://localhost:"), url);
    }

    @Test
    void devModeUsesDatabaseUrlWhenSetAndTheEmbeddedServerOtherwise() {
        assertEquals(Optional.of("alex"), value(config("dev", "DATABASE_URL", POOLED), "quarkus.datasource.username"));

        SmallRyeConfig dev = config("dev");
        String url = value(dev, "quarkus.datasource.jdbc.url").orElseThrow();
        assertTrue(url.startsWith("jdbc:postgresql://localhost:"), url);
        assertEquals(Optional.of("postgres"), value(dev, "quarkus.datasource.username"));
    }
}
