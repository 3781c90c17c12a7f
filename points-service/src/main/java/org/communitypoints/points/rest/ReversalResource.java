package org.communitypoints.points.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Roles;
import org.communitypoints.points.service.ReversalService;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Staff correct a wrong booking of their community by reversing it; nothing is ever edited. A reversal that moves
 * more than the approval threshold waits for a second staff member ({@link ReversalDecisionResource}).
 */
@Path("/transactions/{transactionId}/reversal")
@RolesAllowed(Roles.STAFF)
public class ReversalResource {

    private final ReversalService reversals;
    private final Caller caller;

    public ReversalResource(ReversalService reversals, Caller caller) {
        this.reversals = reversals;
        this.caller = caller;
    }

    @POST
    // The method answers a Response (status and headers vary), so the body's schema is named here.
    @APIResponse(responseCode = "201", description = "The reversing transaction was booked", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReversalResponse.class)))
    @APIResponse(responseCode = "202", description = "The reversal moves more than the approval threshold: it waits, PENDING, for a second staff member (Location names it)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReversalResponse.class)))
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response reverse(@PathParam("transactionId") UUID transactionId, @Valid @NotNull ReversalRequest request,
            @Context UriInfo uri) {
        ReversalService.Reversal reversal = reversals.reverse(caller.id(), caller.communityId(), transactionId,
                request.reason().strip());
        if (reversal.transactionId() == null) {
            return Response.accepted(PointsMapper.reversal(reversal))
                    .location(uri.getBaseUriBuilder().path(ReversalDecisionResource.class)
                            .path(reversal.id().toString()).build())
                    .build();
        }
        return Response.status(Response.Status.CREATED).entity(PointsMapper.reversal(reversal)).build();
    }
}
