package com.example.database.health;

import com.example.support.PackagedAppDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The probe tests again, against the packaged application in the prod profile. */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppDatabase.class)
class ProbesIT extends ProbesTest {
}
