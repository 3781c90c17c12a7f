package org.communitypoints.gateway.home.client;

import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;

import org.communitypoints.platform.web.CorrelationIdFilter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.rest.client.reactive.Url;

/**
 * The points service's "me" endpoints, called with the resident's own token, on the instance named by the first argument
 * (its base URL: HomeService picks it as the proxy does).
 */
@RegisterRestClient(configKey = "points")
@Path("/api/points/me")
public interface PointsClient {

    /** The balance and the newest {@code limit} passbook lines in one call, with one check of the token. */
    @GET
    @Path("/summary")
    CompletionStage<Summary> summary(@Url String instance, @QueryParam("limit") int limit,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(CorrelationIdFilter.HEADER) String correlationId);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Summary(Balance balance, Passbook passbook) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(name = "HomeBalance", description = "The resident's points: available = posted - held.")
    record Balance(String communityId, String memberId, long posted, long held, long available,
            @Schema(format = "date-time") String asOf) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(name = "HomePassbook", description = "The newest passbook lines, newest first.")
    record Passbook(
            List<PassbookLine> lines,
            @Schema(description = "Pass to GET /api/points/me/passbook?cursor= for older lines; null at the end.", nullable = true) String nextCursor) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(name = "HomePassbookLine", description = "One passbook line; amount is negative for points spent or held.")
    record PassbookLine(
            long sequence,
            @Schema(format = "date-time") String postedAt,
            String description,
            long amount,
            long runningBalance,
            @Schema(description = "SHIFT_CREDIT, SHIFT_CORRECTION, HOLD, CAPTURE, RELEASE, ADJUSTMENT...") String kind,
            String transactionId) {
    }
}
