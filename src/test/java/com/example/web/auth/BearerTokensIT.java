package com.example.web.auth;

import com.example.support.PackagedAppDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** Every bearer-token test again, against the packaged application in the prod profile. */
@QuarkusIntegrationTest
@TestProfile(BearerTokensTest.TokensOn.class)
@WithTestResource(PackagedAppDatabase.class)
class BearerTokensIT extends BearerTokensTest {
}
