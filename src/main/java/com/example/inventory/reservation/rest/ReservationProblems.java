package com.example.inventory.reservation.rest;

import com.example.inventory.reservation.service.ReservationException;
import com.example.web.problem.ProblemException;
import com.example.web.problem.ProblemResponses;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The reservation service's refusals, answered as problem details. */
public class ReservationProblems {

    /** RFC 9110's 422, which JAX-RS's Status enum does not name. */
    private static final int UNPROCESSABLE_CONTENT = 422;

    @ServerExceptionMapper
    public Response insufficientStock(ReservationException.InsufficientStock e, UriInfo uri) {
        return ProblemResponses.of(new ProblemException(Status.CONFLICT, "insufficient-stock", "Insufficient stock",
                e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response keyReused(ReservationException.KeyReused e, UriInfo uri) {
        return ProblemResponses.of(new ProblemException(UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                "Idempotency key reused", e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response notFound(ReservationException.NotFound e, UriInfo uri) {
        return ProblemResponses.of(ProblemException.notFound(e.getMessage()), uri);
    }
}
