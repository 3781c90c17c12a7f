package org.communitypoints.points.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Roles;
import org.communitypoints.points.domain.TransferStatus;
import org.communitypoints.points.service.AdjustmentService;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Staff add or take off points with a reason; the resident's passbook shows the reason. Large adjustments wait for
 * a second staff member of the community (README "Insider controls").
 */
@Path("/adjustments")
@RolesAllowed(Roles.STAFF)
public class AdjustmentResource {

    private final AdjustmentService adjustments;
    private final Caller caller;

    public AdjustmentResource(AdjustmentService adjustments, Caller caller) {
        this.adjustments = adjustments;
        this.caller = caller;
    }

    @POST
    // The method answers a Response (status and headers vary), so the body's schema is named here.
    @APIResponse(responseCode = "201", description = "The adjustment was booked (or, under the same Idempotency-Key, was booked before)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdjustmentResponse.class)))
    @APIResponse(responseCode = "202", description = "The adjustment is above the approval threshold: it waits, PENDING, for a second staff member (Location names it)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdjustmentResponse.class)))
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response adjust(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull AdjustmentRequest request, @Context UriInfo uri) {
        IdempotentRequests.Outcome<AdjustmentService.Adjusted> outcome = adjustments.adjust(caller.id(),
                caller.communityId(),
                new AdjustmentService.Adjustment(request.memberId().strip(), request.points(), request.reason().strip()),
                idempotencyKey);
        AdjustmentService.Adjusted adjusted = outcome.value();
        // The suite's one idempotent reply: a replay gets the same status and body, marked Idempotent-Replayed.
        return new IdempotentRequests.Outcome<>(PointsMapper.adjustment(adjusted), outcome.replayed())
                .toResponse(adjusted.transactionId() == null ? Response.Status.ACCEPTED : Response.Status.CREATED,
                        location(uri, adjusted.id()));
    }

    /** The community's adjustments, newest first; {@code status=PENDING} for those waiting for a second person. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<AdjustmentResponse> list(@QueryParam("status") TransferStatus status,
            @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("before") UUID before) {
        return adjustments.list(caller.communityId(), status, before, limit).stream().map(PointsMapper::adjustment)
                .toList();
    }

    /** One adjustment of the caller's community with every decision about it. */
    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public AdjustmentHistoryResponse get(@PathParam("id") UUID id) {
        return PointsMapper.history(adjustments.find(caller.communityId(), id));
    }

    /** The second staff member approves: the adjustment is booked now, once however often this is sent. */
    @POST
    @Path("/{id}/approve")
    @Produces(MediaType.APPLICATION_JSON)
    public AdjustmentResponse approve(@PathParam("id") UUID id) {
        return PointsMapper.adjustment(adjustments.approve(caller.id(), caller.communityId(), id));
    }

    /** The second staff member turns it down, with a reason: nothing is booked. */
    @POST
    @Path("/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public AdjustmentResponse reject(@PathParam("id") UUID id, @Valid @NotNull DecisionRequest request) {
        return PointsMapper.adjustment(adjustments.reject(caller.id(), caller.communityId(), id,
                request.reason().strip()));
    }

    static URI location(UriInfo uri, UUID id) {
        return uri.getBaseUriBuilder().path(AdjustmentResource.class).path(id.toString()).build();
    }
}
