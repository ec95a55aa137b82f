package com.example.support;

import io.restassured.builder.ResponseSpecBuilder;
import io.restassured.specification.ResponseSpecification;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** What every error response must be: RFC 9457 problem details, and nothing internal. */
public final class Problems {

    private Problems() {
    }

    /**
     * A problem+json response with this status and type slug, a title, the status repeated in
     * the body, and no trace of Java, SQL or stack frames.
     */
    public static ResponseSpecification problem(int status, String type) {
        return new ResponseSpecBuilder()
                .expectStatusCode(status)
                .expectContentType("application/problem+json")
                .expectBody("type", equalTo("https://example.com/problems/" + type))
                .expectBody("title", notNullValue())
                .expectBody("status", equalTo(status))
                .expectBody(allOf(
                        not(containsString("Exception")),
                        not(containsString("java.")),
                        not(containsString("org.")),
                        not(containsString("\tat ")),
                        not(containsString("SQL")),
                        not(containsString("select ")),
                        not(containsString("insert into"))))
                .build();
    }
}
