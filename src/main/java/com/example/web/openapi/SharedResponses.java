package com.example.web.openapi;

import com.example.web.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the operations of the API have in common, added to the document once here rather than
 * repeated on each method: the {@code X-Request-Id} request and response header; the problems
 * any request may meet (400 for a malformed URI, 406, 413 for a declared body over the limit
 * whatever the method, 500, and 503 while the database cannot serve it); 415 where a body is read; for operations that need no token, an explicit empty
 * security requirement (public, not forgotten); and, for the shared responses among the
 * components ({@link ApiDocument}), which are all problems, the {@code application/problem+json}
 * body.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class SharedResponses implements OASFilter {

    /** By status, in order, so that every build writes the same document. */
    private static final Map<String, String> EVERY_OPERATION = new TreeMap<>(Map.of(
            "400", ApiDocument.BAD_REQUEST,
            "406", ApiDocument.NOT_ACCEPTABLE,
            "413", ApiDocument.PAYLOAD_TOO_LARGE,
            "500", ApiDocument.INTERNAL_ERROR,
            "503", ApiDocument.SERVICE_UNAVAILABLE));
    private static final Map<String, String> WITH_A_BODY = new TreeMap<>(Map.of(
            "415", ApiDocument.UNSUPPORTED_MEDIA_TYPE));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(path -> path.getOperations().values().forEach(SharedResponses::complete));
        openAPI.getComponents().getResponses().values().forEach(problem -> {
            problem.content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                    .schema(OASFactory.createSchema().ref(ApiDocument.PROBLEM))));
            addRequestIdHeader(problem);
        });
    }

    private static void complete(Operation operation) {
        operation.addParameter(OASFactory.createParameter().ref(ApiDocument.REQUEST_ID));
        APIResponses responses = operation.getResponses();
        EVERY_OPERATION.forEach((status, name) -> addIfAbsent(responses, status, name));
        if (operation.getRequestBody() != null) {
            WITH_A_BODY.forEach((status, name) -> addIfAbsent(responses, status, name));
        }
        responses.getAPIResponses().values().forEach(SharedResponses::addRequestIdHeader);
        if (operation.getSecurity() == null) {
            operation.setSecurity(new ArrayList<>());
        }
    }

    private static void addIfAbsent(APIResponses responses, String status, String name) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(name));
        }
    }

    /** A response that is a reference gets the header where it is defined, among the components. */
    private static void addRequestIdHeader(APIResponse response) {
        if (response.getRef() == null) {
            response.addHeader(ApiDocument.REQUEST_ID, OASFactory.createHeader().ref(ApiDocument.REQUEST_ID));
        }
    }
}
