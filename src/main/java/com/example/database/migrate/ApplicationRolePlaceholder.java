package com.example.database.migrate;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Fills {@code ${application_role}}, the role that V2 grants row access to: the user of
 * {@code DATABASE_URL}, whom the application connects as (README "Database roles"). Given the
 * direct URL alone, the migrating owner's own, which changes nothing.
 *
 * <p>Set here rather than as a {@code quarkus.flyway.placeholders} property: a property that
 * resolves to nothing (no URL at all) would fail configuration validation before the start-up
 * checks could name the missing variable.
 */
@Singleton
public class ApplicationRolePlaceholder implements FlywayConfigurationCustomizer {

    static final String NAME = "application_role";

    private final Optional<String> role;

    ApplicationRolePlaceholder(@ConfigProperty(name = "quarkus.datasource.username") Optional<String> applicationUser,
                               @ConfigProperty(name = "quarkus.flyway.username") Optional<String> migratingUser) {
        this.role = applicationUser.or(() -> migratingUser);
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        role.ifPresent(name -> {
            Map<String, String> placeholders = new HashMap<>(configuration.getPlaceholders());
            placeholders.put(NAME, name);
            configuration.placeholders(placeholders);
        });
    }
}
