package com.example.database.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Settings that follow from the deadlines of application.properties (README "Deadlines"), in
 * the units their owners read:
 * <ul>
 *   <li>pgjdbc's {@code queryTimeout} of both pools, whole seconds: the driver cancels any
 *       statement that runs longer than {@code database.timeouts.statement}, on any connection
 *       (a cancel request needs no session state, and PgBouncer forwards it);</li>
 *   <li>the JTA transaction timeout of each write's transaction: the request bound, the retry
 *       budget and one statement timeout, instead of Narayana's 60 s; a backstop, since the
 *       statement and lock limits end a write long before.</li>
 * </ul>
 * Below application.properties and the environment: a setting of any of them wins. Nothing
 * when the deadlines cannot be read: their configuration mapping then stops the start with
 * Quarkus's own message.
 */
public class DeadlineConfigSourceFactory implements ConfigSourceFactory {

    static final String STATEMENT_TIMEOUT = "database.timeouts.statement";
    static final String RETRY_BUDGET = "database.retry.budget";
    static final String TRANSACTION_TIMEOUT = "quarkus.transaction-manager.default-transaction-timeout";
    static final List<String> QUERY_TIMEOUTS = List.of(
            "quarkus.datasource.jdbc.additional-jdbc-properties.queryTimeout",
            "quarkus.datasource.replica.jdbc.additional-jdbc-properties.queryTimeout");
    private static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Duration statement;
        Duration budget;
        try {
            statement = duration(context, STATEMENT_TIMEOUT);
            budget = duration(context, RETRY_BUDGET);
        } catch (RuntimeException unreadable) {
            return List.of();
        }
        String queryTimeout = Long.toString(wholeSeconds(statement));
        return List.of(new PropertiesConfigSource(Map.of(
                QUERY_TIMEOUTS.get(0), queryTimeout,
                QUERY_TIMEOUTS.get(1), queryTimeout,
                TRANSACTION_TIMEOUT, wholeSeconds(budget.plus(statement)) + "S"),
                "database deadlines", ORDINAL));
    }

    /** Rounded up: a limit is never shorter than configured. */
    static long wholeSeconds(Duration duration) {
        return duration.plusNanos(999_999_999).toSeconds();
    }

    private static Duration duration(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return DurationConverter.parseDuration(value.getValue().trim());
    }
}
