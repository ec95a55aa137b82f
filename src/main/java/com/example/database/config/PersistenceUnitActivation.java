package com.example.database.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

/**
 * Keeps Hibernate ORM inactive while the service has no usable database URL, unless
 * {@code quarkus.hibernate-orm.active} is set: without a URL the datasource is inactive, and the
 * persistence unit, which starts before any start-up event, would end the process on it with a
 * stack trace of its own, before {@link DatabaseConfigCheck} could say what is wrong in one line.
 * An interceptor rather than a source, because only the final configuration knows whether a URL
 * was given, from any source ({@code quarkus.config.locations} files included).
 */
@Priority(Priorities.APPLICATION)
public class PersistenceUnitActivation implements ConfigSourceInterceptor {

    static final String ORM_ACTIVE = "quarkus.hibernate-orm.active";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value != null || !ORM_ACTIVE.equals(name) || usableUrl(context)) {
            return value;
        }
        return ConfigValue.builder().withName(name).withValue("false")
                .withConfigSourceName(PersistenceUnitActivation.class.getSimpleName()).build();
    }

    private static boolean usableUrl(ConfigSourceInterceptorContext context) {
        ConfigValue url = context.proceed(DatabaseConfigSourceFactory.JDBC_URL);
        return url != null && url.getValue() != null && !url.getValue().isBlank()
                && context.proceed(DatabaseConfigSourceFactory.INVALID_URL) == null;
    }
}
