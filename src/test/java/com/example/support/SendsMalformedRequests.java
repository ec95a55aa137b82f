package com.example.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test (or every test of a class) that sends requests the API document forbids, on purpose,
 * to prove they are refused: {@link ApiContract} checks its responses, not its requests. Read by
 * {@link ApiContractCallback}, so for {@code @QuarkusTest} and {@code @QuarkusIntegrationTest}
 * classes; a test that starts the jar itself marks each such request with
 * {@link ApiContract#malformed}.
 */
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface SendsMalformedRequests {
}
