package com.example.inventory.reservation;

import com.example.support.PackagedAppDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Every reservation API test again, against the packaged application in the prod profile. */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppDatabase.class)
class ReservationResourceIT extends ReservationResourceTest {
}
