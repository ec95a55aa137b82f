package com.example.database.schema;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SchemaValidationException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schema check of {@link SchemaMatchesEntitiesTest} is not vacuous: in a schema where the
 * migrations ran and a mapped column was then dropped, validation fails and names the column.
 */
@QuarkusTest
@TestProfile(SchemaDriftIsDetectedTest.MissingColumn.class)
class SchemaDriftIsDetectedTest {

    /** Migrates a schema of its own, then drops {@code product.description} (db/drift-check). */
    public static class MissingColumn implements QuarkusTestProfile {
        static final String SCHEMA = "drift_check";

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.flyway.schemas", SCHEMA,
                    "quarkus.flyway.locations", "db/migration,db/drift-check",
                    "quarkus.hibernate-orm.database.default-schema", SCHEMA);
        }
    }

    @Inject
    EntityManagerFactory entityManagerFactory;

    @Test
    void validationFailsWhenAMappedColumnIsMissing() {
        SchemaValidationException failure = assertThrows(SchemaValidationException.class,
                () -> entityManagerFactory.getSchemaManager().validate());

        assertTrue(failure.getMessage().contains("description"), failure::getMessage);
    }
}
