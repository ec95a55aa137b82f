package com.example.inventory.product;

import com.example.support.PackagedAppDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Every product API test again, against the packaged application in the prod profile. */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppDatabase.class)
class ProductResourceIT extends ProductResourceTest {
}
