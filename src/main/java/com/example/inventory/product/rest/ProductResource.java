package com.example.inventory.product.rest;

import com.example.inventory.product.Product;
import com.example.inventory.product.service.ProductException;
import com.example.inventory.product.service.ProductService;
import com.example.web.ApiConfig;
import com.example.web.auth.AuthConfig;
import com.example.web.openapi.ApiDocument;
import com.example.web.paging.PageLinks;
import com.example.web.paging.PageParameters;
import com.example.web.paging.PageRequest;
import com.example.web.paging.PageResponse;
import com.example.web.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestResponse.ResponseBuilder;

import java.util.Optional;

/** The product catalogue: {@code /api/products}. */
@Path("/api/products")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Products", description = "The product catalogue: SKU, name, price and stock, versioned by ETag.")
public class ProductResource {

    private static final int MAX_FILTER_LENGTH = 100;

    private final ProductService products;
    private final ApiConfig.Paging paging;

    ProductResource(ProductService products, ApiConfig api) {
        this.products = products;
        this.paging = api.paging();
    }

    /** A page of products, optionally filtered by text in SKU or name ({@code q}). */
    @GET
    @Operation(operationId = "listProducts", summary = "List products, a page at a time")
    @APIResponse(responseCode = "200", description = "A page of products.",
            headers = @Header(name = ApiDocument.LINK, ref = ApiDocument.LINK))
    public RestResponse<PageResponse<ProductResponse>> list(@BeanParam PageParameters pageParameters,
                                                            @Parameter(description = "Text in the SKU or name, case-insensitive.",
                                                                    schema = @Schema(type = SchemaType.STRING, maxLength = MAX_FILTER_LENGTH))
                                                            @QueryParam("q") String text, @Context UriInfo uri) {
        Optional<String> filter = Optional.ofNullable(text).map(String::strip).filter(t -> !t.isEmpty());
        if (filter.filter(t -> t.length() > MAX_FILTER_LENGTH || t.indexOf('\0') >= 0).isPresent()) {
            throw ProblemException.invalid("q", "must be at most " + MAX_FILTER_LENGTH + " characters, without NUL");
        }
        PageRequest request = pageParameters.toRequest(paging, ProductService.SORTABLE, "id");
        PageResponse<ProductResponse> page = products.list(filter, request).map(ProductResponse::from);
        return ResponseBuilder.ok(page).links(PageLinks.of(uri, page)).build();
    }

    /**
     * One product, with its version as ETag; {@code If-None-Match} with that ETag gives 304, an
     * {@code If-Match} without it 412.
     */
    @GET
    @Path("{id}")
    @Operation(operationId = "getProduct", summary = "Get a product")
    @Parameter(name = HttpHeaders.IF_NONE_MATCH, in = ParameterIn.HEADER, schema = @Schema(type = SchemaType.STRING),
            description = "The ETag last read: 304 without a body if the product has not changed since.")
    @Parameter(name = HttpHeaders.IF_MATCH, in = ParameterIn.HEADER, schema = @Schema(type = SchemaType.STRING),
            description = "An ETag: 412 unless the product still has it.")
    @APIResponse(responseCode = "200", description = "The product.",
            headers = @Header(name = ApiDocument.ETAG, ref = ApiDocument.ETAG))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag in If-None-Match.",
            headers = @Header(name = ApiDocument.ETAG, ref = ApiDocument.ETAG))
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "412", ref = ApiDocument.PRECONDITION_FAILED)
    public RestResponse<ProductResponse> get(@PathParam("id") long id, @Context Request request) {
        Product product = products.find(id).orElseThrow(() -> new ProductException.NotFound(id));
        EntityTag tag = ProductETags.of(product.version);
        Response.ResponseBuilder precondition = request.evaluatePreconditions(tag);
        if (precondition != null) {
            if (precondition.build().getStatus() == Status.PRECONDITION_FAILED.getStatusCode()) {
                throw new ProductException.VersionMismatch(id);
            }
            return RestResponse.notModified(tag);
        }
        return ResponseBuilder.ok(ProductResponse.from(product)).tag(tag).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(AuthConfig.WRITE_ROLE)
    @Operation(operationId = "createProduct", summary = "Create a product")
    @APIResponse(responseCode = "201", description = "Created.",
            headers = {@Header(name = ApiDocument.LOCATION, ref = ApiDocument.LOCATION),
                       @Header(name = ApiDocument.ETAG, ref = ApiDocument.ETAG)},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProductResponse.class)))
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
    public RestResponse<ProductResponse> create(@Valid @NotNull ProductRequest body, @Context UriInfo uri) {
        Product product = products.create(body.toProduct());
        return ResponseBuilder.<ProductResponse>created(uri.getAbsolutePathBuilder().path(Long.toString(product.id)).build())
                .tag(ProductETags.of(product.version))
                .entity(ProductResponse.from(product))
                .build();
    }

    /** Replaces a product; with {@code If-Match}, only if it still has that ETag (else 412). */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("{id}")
    @RolesAllowed(AuthConfig.WRITE_ROLE)
    @Operation(operationId = "replaceProduct", summary = "Replace a product")
    @APIResponse(responseCode = "200", description = "Replaced.",
            headers = @Header(name = ApiDocument.ETAG, ref = ApiDocument.ETAG))
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
    @APIResponse(responseCode = "412", ref = ApiDocument.PRECONDITION_FAILED)
    public RestResponse<ProductResponse> replace(@PathParam("id") long id,
                                                 @Parameter(description = "The ETag last read: 412 unless the product"
                                                         + " still has it. Without it, the replacement is unconditional.")
                                                 @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                                 @Valid @NotNull ProductRequest body) {
        Product product = products.replace(id, body.toProduct(), ProductETags.condition(ifMatch));
        return ResponseBuilder.ok(ProductResponse.from(product)).tag(ProductETags.of(product.version)).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(AuthConfig.WRITE_ROLE)
    @Operation(operationId = "deleteProduct", summary = "Delete a product that has no reservations")
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
    public void delete(@PathParam("id") long id) {
        products.delete(id);
    }
}
