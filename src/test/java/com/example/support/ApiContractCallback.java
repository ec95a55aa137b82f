package com.example.support;

import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Puts every {@code @QuarkusTest} and {@code @QuarkusIntegrationTest} under the
 * {@link ApiContract}. A Quarkus callback rather than a JUnit extension: it runs where the test
 * runs, in the class loader whose RestAssured the test's {@code given()} uses.
 */
public class ApiContractCallback implements QuarkusTestBeforeEachCallback, QuarkusTestAfterEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        ApiContract.install();
        ApiContract.checkRequests(!context.getTestMethod().isAnnotationPresent(SendsMalformedRequests.class)
                && !context.getTestInstance().getClass().isAnnotationPresent(SendsMalformedRequests.class));
    }

    @Override
    public void afterEach(QuarkusTestMethodContext context) {
        ApiContract.checkRequests(true);
    }
}
