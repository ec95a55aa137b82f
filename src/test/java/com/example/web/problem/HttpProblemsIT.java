package com.example.web.problem;

import com.example.support.PackagedAppDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The HTTP-layer error tests again, against the packaged application in the prod profile. */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppDatabase.class)
class HttpProblemsIT extends HttpProblemsTest {
}
