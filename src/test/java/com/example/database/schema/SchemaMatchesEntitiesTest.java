package com.example.database.schema;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The entity mapping and the Flyway migrations describe the same schema: Hibernate's schema
 * validation passes against a database that Flyway has just migrated. A change to one without
 * the other fails here, the way Alembic's autogenerate comparison would.
 */
@QuarkusTest
class SchemaMatchesEntitiesTest {

    @Inject
    EntityManagerFactory entityManagerFactory;

    @Inject
    Flyway flyway;

    @Test
    void everyMigrationIsAppliedAndNonePending() {
        assertEquals(0, flyway.info().pending().length);
        assertEquals(flyway.info().all()[flyway.info().all().length - 1].getVersion(),
                flyway.info().current().getVersion());
    }

    @Test
    void entityMappingMatchesTheMigratedSchema() {
        assertDoesNotThrow(() -> entityManagerFactory.getSchemaManager().validate());
    }
}
