package org.communitypoints.reconciler.client;

import java.io.InputStream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The exports, read through the gateway exactly as any external job would. Answers stay raw JSON (the
 * paged ones as streams, parsed item by item): the adapters in {@code source/} turn them into the
 * reconciler's own records, so a change in an export's shape touches one adapter and nothing else. A
 * null query parameter is left out of the request.
 */
@RegisterRestClient(configKey = "gateway")
@Produces(MediaType.APPLICATION_JSON)
public interface GatewayClient {

    @GET
    @Path("/api/points/exports/journal")
    InputStream journal(@HeaderParam("Authorization") String authorization, @QueryParam("after") String after,
            @QueryParam("limit") int limit);

    @GET
    @Path("/api/points/exports/balances")
    InputStream balances(@HeaderParam("Authorization") String authorization, @QueryParam("asOf") String asOf,
            @QueryParam("communityId") String communityId, @QueryParam("after") String after,
            @QueryParam("limit") Integer limit);

    @GET
    @Path("/api/activity/exports/shifts")
    InputStream shifts(@HeaderParam("Authorization") String authorization, @QueryParam("after") String after,
            @QueryParam("limit") int limit);

    @GET
    @Path("/api/catalog/exports/redemptions")
    InputStream redemptions(@HeaderParam("Authorization") String authorization, @QueryParam("after") String after,
            @QueryParam("limit") int limit);

    @GET
    @Path("/api/catalog/partners/{partnerId}/settlement")
    JsonNode settlement(@HeaderParam("Authorization") String authorization, @PathParam("partnerId") String partnerId,
            @QueryParam("communityId") String communityId, @QueryParam("from") String from, @QueryParam("to") String to);
}
