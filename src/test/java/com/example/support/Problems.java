package com.example.support;

import com.example.web.RequestId;
import com.example.web.problem.Problem;
import io.restassured.builder.ResponseSpecBuilder;
import io.restassured.specification.ResponseSpecification;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** What every error response must be: RFC 9457 problem details, and nothing internal. */
public final class Problems {

    /**
     * A fully qualified Java class name ({@code org.hibernate.exception.ConstraintViolationException},
     * {@code java.sql.SQLException}): lower-case package segments, then a capitalised name.
     * Text that merely contains "org." (an SKU, a domain) is not one.
     */
    private static final String QUALIFIED_CLASS_NAME = "(?s).*\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+\\.[A-Z]\\w*.*";

    private Problems() {
    }

    /**
     * A problem+json response with this status and type slug, a title, the status repeated in
     * the body, the request's id in the body and its header, and no trace of Java, SQL or stack
     * frames.
     */
    public static ResponseSpecification problem(int status, String type) {
        return new ResponseSpecBuilder()
                .expectStatusCode(status)
                .expectContentType(Problem.MEDIA_TYPE)
                .expectBody("type", equalTo(Problem.type(type).toString()))
                .expectBody("title", notNullValue())
                .expectBody("status", equalTo(status))
                .expectHeader(RequestId.HEADER, not(emptyOrNullString()))
                .expectBody("requestId", notNullValue())
                .expectBody(allOf(
                        not(containsString("Exception")),
                        not(matchesPattern(QUALIFIED_CLASS_NAME)),
                        not(containsString("\tat ")),
                        not(containsString("SQL")),
                        not(containsStringIgnoringCase("select ")),
                        not(containsStringIgnoringCase("insert into"))))
                .build();
    }
}
