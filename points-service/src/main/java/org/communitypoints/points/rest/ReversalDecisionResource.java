package org.communitypoints.points.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Roles;
import org.communitypoints.points.domain.TransferStatus;
import org.communitypoints.points.service.ReversalService;

/**
 * The community's reversals, and the second staff member's decision on one that waits (README "Insider controls"):
 * the staff member who asked for it cannot decide it, nor can the resident whose points it moves.
 */
@Path("/reversals")
@RolesAllowed(Roles.STAFF)
public class ReversalDecisionResource {

    private final ReversalService reversals;
    private final Caller caller;

    public ReversalDecisionResource(ReversalService reversals, Caller caller) {
        this.reversals = reversals;
        this.caller = caller;
    }

    /** The community's reversals, newest first; {@code status=PENDING} for those waiting for a second person. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<ReversalResponse> list(@QueryParam("status") TransferStatus status,
            @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("before") UUID before) {
        return reversals.list(caller.communityId(), status, before, limit).stream().map(PointsMapper::reversal)
                .toList();
    }

    /** One reversal of the caller's community; its decisions are in the control audit under its id. */
    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public ReversalResponse get(@PathParam("id") UUID id) {
        return PointsMapper.reversal(reversals.find(caller.communityId(), id));
    }

    /** The second staff member approves: the reversal is booked now, once however often this is sent. */
    @POST
    @Path("/{id}/approve")
    @Produces(MediaType.APPLICATION_JSON)
    public ReversalResponse approve(@PathParam("id") UUID id) {
        return PointsMapper.reversal(reversals.approve(caller.id(), caller.communityId(), id));
    }

    /** The second staff member turns it down, with a reason: nothing is booked. */
    @POST
    @Path("/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ReversalResponse reject(@PathParam("id") UUID id, @Valid @NotNull DecisionRequest request) {
        return PointsMapper.reversal(reversals.reject(caller.id(), caller.communityId(), id, request.reason().strip()));
    }
}
