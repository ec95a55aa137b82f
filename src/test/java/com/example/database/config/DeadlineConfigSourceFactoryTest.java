package com.example.database.config;

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

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The driver's statement timeout and the JTA transaction timeout follow the deadlines of application.properties. */
class DeadlineConfigSourceFactoryTest {

    private static SmallRyeConfig prod(String... environment) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < environment.length; i += 2) {
            values.put(environment[i], environment[i + 1]);
        }
        try {
            return new SmallRyeConfigBuilder()
                    .withProfile("prod")
                    .addDefaultInterceptors()
                    .withConverter(Duration.class, 100, new DurationConverter())
                    .withSources(new PropertiesConfigSource(values, "environment", 300))
                    .withSources(new PropertiesConfigSource(DeadlineConfigSourceFactoryTest.class.getResource("/application.properties"), 250))
                    .withSources(new DeadlineConfigSourceFactory())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void byDefaultTheDriverCancelsAfterTwoSecondsAndATransactionLivesAtMostSeven() {
        SmallRyeConfig config = prod();

        for (String queryTimeout : DeadlineConfigSourceFactory.QUERY_TIMEOUTS) {
            assertEquals("2", config.getValue(queryTimeout, String.class), queryTimeout);
        }
        assertEquals(Duration.ofSeconds(7), config.getValue(DeadlineConfigSourceFactory.TRANSACTION_TIMEOUT, Duration.class),
                "the retry budget (5 s) and one statement timeout (2 s)");
    }

    @Test
    void aTimeoutBetweenWholeSecondsIsRoundedUpNeverDown() {
        SmallRyeConfig config = prod("DB_STATEMENT_TIMEOUT", "1500ms", "DB_RETRY_BUDGET", "3S");

        assertEquals("2", config.getValue(DeadlineConfigSourceFactory.QUERY_TIMEOUTS.get(0), String.class));
        assertEquals(Duration.ofSeconds(5), config.getValue(DeadlineConfigSourceFactory.TRANSACTION_TIMEOUT, Duration.class));
    }

    @Test
    void aValueSetExplicitlyWins() {
        SmallRyeConfig config = prod(DeadlineConfigSourceFactory.TRANSACTION_TIMEOUT, "30S",
                DeadlineConfigSourceFactory.QUERY_TIMEOUTS.get(1), "9");

        assertEquals(Duration.ofSeconds(30), config.getValue(DeadlineConfigSourceFactory.TRANSACTION_TIMEOUT, Duration.class));
        assertEquals("9", config.getValue(DeadlineConfigSourceFactory.QUERY_TIMEOUTS.get(1), String.class));
        assertEquals("2", config.getValue(DeadlineConfigSourceFactory.QUERY_TIMEOUTS.get(0), String.class));
    }
}
