package com.example.inventory.product.rest;

import com.example.inventory.product.service.ProductException;
import com.example.web.problem.ProblemException;
import com.example.web.problem.ProblemResponses;
import com.example.web.problem.ProblemTypes;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The product service's refusals, answered as problem details. */
public class ProductProblems {

    private static final String SKU_TAKEN = "sku-taken";
    private static final String PRODUCT_HAS_RESERVATIONS = "product-has-reservations";

    @ServerExceptionMapper
    public Response notFound(ProductException.NotFound e, UriInfo uri) {
        return ProblemResponses.of(ProblemException.notFound(e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response skuTaken(ProductException.SkuTaken e, UriInfo uri) {
        return ProblemResponses.of(new ProblemException(Status.CONFLICT, SKU_TAKEN, "SKU already in use", e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response hasReservations(ProductException.HasReservations e, UriInfo uri) {
        return ProblemResponses.of(new ProblemException(Status.CONFLICT, PRODUCT_HAS_RESERVATIONS,
                "Product has reservations", e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response versionMismatch(ProductException.VersionMismatch e, UriInfo uri) {
        return ProblemResponses.of(new ProblemException(Status.PRECONDITION_FAILED, ProblemTypes.PRECONDITION_FAILED,
                "Precondition failed", e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response concurrentUpdate(ProductException.ConcurrentUpdate e, UriInfo uri) {
        return ProblemResponses.of(new ProblemException(Status.CONFLICT, ProblemTypes.CONCURRENT_UPDATE,
                "Concurrent update", e.getMessage()), uri);
    }
}
