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
 * The activity service's "me" endpoints, called with the resident's own token, on the instance named by the first argument
 * (its base URL: HomeService picks it as the proxy does).
 */
@RegisterRestClient(configKey = "activity")
@Path("/api/activity/me")
public interface ActivityClient {

    @GET
    @Path("/sign-ups")
    CompletionStage<List<UpcomingActivity>> signUps(@Url String instance, @QueryParam("upcoming") boolean upcoming,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(CorrelationIdFilter.HEADER) String correlationId);

    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(name = "HomeUpcomingActivity", description = "An activity the resident signed up for that has not ended.")
    record UpcomingActivity(
            String activityId,
            String title,
            String place,
            @Schema(format = "date-time") String startsAt,
            @Schema(format = "date-time") String endsAt) {
    }
}
