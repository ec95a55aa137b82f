package com.example.inventory.reservation;

import com.example.support.PackagedAppDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The race tests again, against the packaged application in the prod profile. */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppDatabase.class)
class ReservationConcurrencyIT extends ReservationConcurrencyTest {
}
