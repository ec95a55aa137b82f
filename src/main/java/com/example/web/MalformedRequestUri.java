package com.example.web;

import com.example.web.problem.Problem;
import com.example.web.problem.ProblemResponses;
import com.example.web.problem.ProblemTypes;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

/**
 * Answers a request whose URI is not a valid URI ({@code ?q=50%}, an unencoded {@code {}) with a
 * 400 problem, before any other route parses it.
 *
 * <p>Quarkus makes the same check ahead of every router, and answers it with an empty 400 that
 * no handler of ours can replace. {@link #takeOverFromQuarkus()} switches that check off
 * ({@code vertx.disableURIValidation}, read once when the HTTP server is set up), so that this
 * route, the first of all, makes it instead. Without the switch (a test run from an IDE, say)
 * Quarkus's check stays and malformed URIs still get a 400, only without a body.
 */
@ApplicationScoped
public class MalformedRequestUri {

    private static final String DISABLE_QUARKUS_CHECK = "vertx.disableURIValidation";
    private static final String DETAIL = "The request URI is not a valid URI: percent-encode characters such as"
            + " '%' (as %25), spaces, '{' and '}' in the path and the query.";

    private final ObjectMapper json;

    MalformedRequestUri(ObjectMapper json) {
        this.json = json;
    }

    /** Call before Quarkus starts: this class checks request URIs, not Quarkus. */
    public static void takeOverFromQuarkus() {
        System.setProperty(DISABLE_QUARKUS_CHECK, "true");
    }

    void register(@Observes Router router) {
        // Only Quarkus's dev-mode reload handler and RequestId go first; neither reads the URI.
        router.route().order(Integer.MIN_VALUE + 2).handler(this::check);
    }

    private void check(RoutingContext context) {
        if (isValid(context.request().uri())) {
            context.next();
            return;
        }
        // The problem does not echo the URI back: it is what could not be read.
        ProblemResponses.end(context, json, new Problem(Problem.type(ProblemTypes.MALFORMED_REQUEST),
                ProblemTypes.MALFORMED_REQUEST_TITLE, 400, DETAIL, null, List.of()), Map.of());
    }

    /** The check Quarkus makes (java.net.URI accepts it), which the routes after this one rely on. */
    static boolean isValid(String uri) {
        if (uri == null) {
            return false;
        }
        try {
            new URI(uri);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
