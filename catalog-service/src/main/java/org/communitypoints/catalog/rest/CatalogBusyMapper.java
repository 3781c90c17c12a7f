package org.communitypoints.catalog.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.communitypoints.catalog.service.CatalogBusyException;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.platform.web.ProblemMessages;
import org.communitypoints.platform.web.Problems;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A redemption refused because the catalog has as much of them at work as it takes on at once: 503 with the
 * code of any outage (SERVICE_UNAVAILABLE, which clients retry on) and a text that says why and that retrying is
 * safe (the request changed nothing; its Idempotency-Key makes a repeat count once).
 */
public class CatalogBusyMapper {

    /** The wait the caller is asked for: the work it was spared queueing behind drains within about a second. */
    static final int RETRY_AFTER_SECONDS = 1;

    @ServerExceptionMapper
    public Response busy(CatalogBusyException e, UriInfo uri, HttpHeaders headers) {
        ProblemException problem = new ProblemException(503, "SERVICE_UNAVAILABLE", "Service Unavailable",
                "Too many redemptions are being handled right now. Please try again in a moment; retrying is safe and "
                        + "books nothing twice.",
                null).withMessage("SERVICE_UNAVAILABLE.busy");
        Response response = Problems.response(problem, uri.getRequestUri().getRawPath(),
                ProblemMessages.localeFor(headers.getAcceptableLanguages()));
        response.getHeaders().add(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        return response;
    }
}
