package com.example.inventory.product.rest;

import com.example.inventory.product.Product;
import com.example.inventory.product.service.ProductException;
import com.example.inventory.product.service.ProductService;
import com.example.web.ApiConfig;
import com.example.web.auth.AuthConfig;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestResponse.ResponseBuilder;

import java.util.Optional;

/** The product catalogue: {@code /api/products}. */
@Path("/api/products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Products")
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
    public RestResponse<PageResponse<ProductResponse>> list(@BeanParam PageParameters pageParameters,
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
    @RolesAllowed(AuthConfig.WRITE_ROLE)
    public RestResponse<ProductResponse> create(@Valid @NotNull ProductRequest body, @Context UriInfo uri) {
        Product product = products.create(body.toProduct());
        return ResponseBuilder.<ProductResponse>created(uri.getAbsolutePathBuilder().path(Long.toString(product.id)).build())
                .tag(ProductETags.of(product.version))
                .entity(ProductResponse.from(product))
                .build();
    }

    /** Replaces a product; with {@code If-Match}, only if it still has that ETag (else 412). */
    @PUT
    @Path("{id}")
    @RolesAllowed(AuthConfig.WRITE_ROLE)
    public RestResponse<ProductResponse> replace(@PathParam("id") long id,
                                                 @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                                 @Valid @NotNull ProductRequest body) {
        Product product = products.replace(id, body.toProduct(), ProductETags.condition(ifMatch));
        return ResponseBuilder.ok(ProductResponse.from(product)).tag(ProductETags.of(product.version)).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(AuthConfig.WRITE_ROLE)
    public void delete(@PathParam("id") long id) {
        products.delete(id);
    }
}
