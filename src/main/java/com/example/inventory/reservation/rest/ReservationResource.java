package com.example.inventory.reservation.rest;

import com.example.inventory.reservation.service.ReservationResult;
import com.example.inventory.reservation.service.ReservationService;
import com.example.web.ApiConfig;
import com.example.web.auth.AuthConfig;
import com.example.web.auth.Callers;
import com.example.web.openapi.ApiDocument;
import com.example.web.paging.PageLinks;
import com.example.web.paging.PageParameters;
import com.example.web.paging.PageRequest;
import com.example.web.paging.PageResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
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

/** Stock reservations of one product: {@code /api/products/{productId}/reservations}. */
@Path("/api/products/{productId}/reservations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reservations", description = "Stock reserved from a product, exactly once per Idempotency-Key and caller.")
public class ReservationResource {

    /** Marks a response that repeats an earlier request's result for the same idempotency key. */
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final ReservationService reservations;
    private final Callers callers;
    private final ApiConfig.Paging paging;

    ReservationResource(ReservationService reservations, Callers callers, ApiConfig api) {
        this.reservations = reservations;
        this.callers = callers;
        this.paging = api.paging();
    }

    /**
     * Reserves units of the product. The same {@code Idempotency-Key} sent again by the same
     * caller returns the first reservation, unchanged and with the same status, without taking
     * stock twice.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(AuthConfig.WRITE_ROLE)
    @Operation(operationId = "createReservation", summary = "Reserve units of a product, once per Idempotency-Key")
    @APIResponse(responseCode = "201", description = "Reserved; or, with Idempotent-Replayed, reserved earlier by the"
            + " same request.",
            headers = {@Header(name = ApiDocument.LOCATION, ref = ApiDocument.LOCATION),
                       @Header(name = ApiDocument.IDEMPOTENT_REPLAYED, ref = ApiDocument.IDEMPOTENT_REPLAYED)},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReservationResponse.class)))
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
    @APIResponse(responseCode = "422", ref = ApiDocument.UNPROCESSABLE)
    public RestResponse<ReservationResponse> reserve(@PathParam("productId") long productId,
                                                     @Parameter(required = true, description = "A new unique value"
                                                             + " (e.g. a UUID) per reservation; sent again by the same"
                                                             + " caller, it returns the first reservation.",
                                                             schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = IdempotencyKeys.MAX_LENGTH,
                                                                     pattern = IdempotencyKeys.PATTERN))
                                                     @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                                                     @Valid @NotNull ReservationRequest body, @Context UriInfo uri) {
        String key = IdempotencyKeys.require(idempotencyKey);
        String caller = callers.writer();
        ReservationResult result = reservations.reserve(productId, body.quantity(), key, caller);
        ResponseBuilder<ReservationResponse> response = ResponseBuilder
                .<ReservationResponse>created(uri.getAbsolutePathBuilder().path(Long.toString(result.reservation().id)).build())
                .entity(ReservationResponse.from(result.reservation(), Optional.of(caller)));
        if (result.replayed()) {
            response.header(REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    @GET
    @Operation(operationId = "listReservations", summary = "List a product's reservations, a page at a time")
    @APIResponse(responseCode = "200", description = "A page of reservations, oldest first by default.",
            headers = @Header(name = ApiDocument.LINK, ref = ApiDocument.LINK))
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public RestResponse<PageResponse<ReservationResponse>> list(@PathParam("productId") long productId,
                                                                @BeanParam PageParameters pageParameters,
                                                                @Context UriInfo uri) {
        PageRequest request = pageParameters.toRequest(paging, ReservationService.SORTABLE, "id");
        Optional<String> reader = callers.reader();
        PageResponse<ReservationResponse> page = reservations.list(productId, request)
                .map(reservation -> ReservationResponse.from(reservation, reader));
        return ResponseBuilder.ok(page).links(PageLinks.of(uri, page)).build();
    }

    @GET
    @Path("{reservationId}")
    @Operation(operationId = "getReservation", summary = "Get a reservation")
    @APIResponse(responseCode = "200", description = "The reservation.")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public ReservationResponse get(@PathParam("productId") long productId,
                                   @PathParam("reservationId") long reservationId) {
        return ReservationResponse.from(reservations.find(productId, reservationId), callers.reader());
    }
}
