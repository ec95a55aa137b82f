package com.example.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport.Level;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.http.Header;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The API document as a contract. Installed as a RestAssured filter for every HTTP test
 * ({@link ApiContractCallback} for {@code @QuarkusTest} and {@code @QuarkusIntegrationTest},
 * {@link PackagedApp#http()} for the packaged jar run by hand): every request under
 * {@code /api} and its response are checked against the document the service under test serves
 * ({@code /q/openapi}). An undocumented status, response header or field, or a body of the wrong
 * shape, fails the test that caused it. A test that sends malformed requests on purpose
 * ({@link SendsMalformedRequests}, or {@link #malformed} for one request) has its responses
 * checked, not its requests.
 *
 * <p>Who may write is the service's to check ({@code BearerTokensTest}): most tests run with
 * tokens off, so a write without a token is no breach of the contract here.
 */
public final class ApiContract implements Filter {

    private static final ApiContract INSTANCE = new ApiContract(false);
    private static final ApiContract RESPONSES_ONLY_INSTANCE = new ApiContract(true);
    private static final LevelResolver REQUESTS_AND_RESPONSES = LevelResolver.create()
            .withLevel("validation.request.parameter.query.unexpected", Level.IGNORE)
            .withLevel("validation.request.security", Level.IGNORE)
            .build();
    private static final LevelResolver RESPONSES_ONLY = LevelResolver.create()
            .withLevel("validation.request", Level.IGNORE)
            .build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static volatile boolean requestsChecked = true;

    /** One check per service (origin) and mode: the document is read from each service a test talks to. */
    private static final Map<String, Check> CHECKS = new ConcurrentHashMap<>();

    /** The validator, and the response headers the document describes, which the validator does not check. */
    private record Check(Filter validator, DocumentedHeaders headers) {
    }

    private final boolean responsesOnly;

    private ApiContract(boolean responsesOnly) {
        this.responsesOnly = responsesOnly;
    }

    /** Adds the filter to RestAssured's defaults, once: every {@code given()} after this is checked. */
    public static synchronized void install() {
        if (!RestAssured.filters().contains(INSTANCE)) {
            RestAssured.filters(INSTANCE);
        }
    }

    /**
     * {@code request}, sent malformed on purpose by a test that otherwise sends valid ones: its
     * response is checked, not the request itself.
     */
    public static RequestSpecification malformed(RequestSpecification request) {
        return request.noFiltersOfType(ApiContract.class).filter(RESPONSES_ONLY_INSTANCE);
    }

    /** Whether requests are checked too (not only responses); true again after each test. */
    public static void checkRequests(boolean checked) {
        requestsChecked = checked;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                           FilterContext context) {
        URI uri = URI.create(request.getURI());
        if (uri.getRawPath() == null || !uri.getRawPath().startsWith("/api/")) {
            return context.next(request, response); // probes, metrics, made-up paths: not the API
        }
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        boolean checkRequests = requestsChecked && !responsesOnly;
        Check check = CHECKS.computeIfAbsent(origin + (checkRequests ? "" : " responses only"),
                key -> check(origin, checkRequests ? REQUESTS_AND_RESPONSES : RESPONSES_ONLY));
        Response answer = check.validator().filter(request, response, context);
        Set<String> sent = answer.getHeaders().asList().stream().map(Header::getName).collect(Collectors.toSet());
        List<String> undescribed = check.headers().undescribed(request.getMethod(), uri.getRawPath(), answer.getStatusCode(), sent);
        if (!undescribed.isEmpty()) {
            throw new AssertionError("The API document does not describe the response headers " + undescribed + " of "
                    + request.getMethod() + " " + uri.getRawPath() + " answered " + answer.getStatusCode());
        }
        return answer;
    }

    private static Check check(String origin, LevelResolver levels) {
        String document = document(origin);
        return new Check(new OpenApiValidationFilter(OpenApiInteractionValidator
                .createForInlineApiSpecification(document)
                .withLevelResolver(levels)
                .build()), DocumentedHeaders.of(document));
    }

    private static String document(String origin) {
        try {
            HttpResponse<String> served = HTTP.send(
                    HttpRequest.newBuilder(URI.create(origin + "/q/openapi?format=json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (served.statusCode() != 200) {
                throw new IllegalStateException("GET /q/openapi answered " + served.statusCode());
            }
            return served.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
