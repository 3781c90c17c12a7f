package org.communitypoints.points.rest;

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
import org.communitypoints.points.service.SubsidyPoolService;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The community's subsidy pool: its balance and budget, and the fundings staff ask for and approve. */
@Path("/subsidy-pool")
@RolesAllowed(Roles.STAFF)
public class SubsidyPoolResource {

    private final SubsidyPoolService pool;
    private final Caller caller;

    public SubsidyPoolResource(SubsidyPoolService pool, Caller caller) {
        this.pool = pool;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public SubsidyPoolResponse get() {
        SubsidyPoolService.Pool p = pool.pool(caller.communityId());
        return new SubsidyPoolResponse(p.communityId(), p.month().toString(), p.balance(), p.reserved(), p.available(),
                p.budget(), p.funded(), p.pending(), p.remainingBudget(), p.spent());
    }

    /** Asks to move points from the issuance account into the pool: pending until a second staff member approves. */
    @POST
    @Path("/fundings")
    @APIResponse(responseCode = "202", description = "The funding waits, PENDING, for a second staff member (Location names it)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FundingResponse.class)))
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response fund(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull FundingRequest request, @Context UriInfo uri) {
        IdempotentRequests.Outcome<SubsidyPoolService.Funding> outcome = pool.requestFunding(caller.id(),
                caller.communityId(),
                new SubsidyPoolService.FundingRequest(request.points(), request.reason().strip()), idempotencyKey);
        return new IdempotentRequests.Outcome<>(PointsMapper.funding(outcome.value()), outcome.replayed())
                .toResponse(Response.Status.ACCEPTED, uri.getBaseUriBuilder().path(SubsidyPoolResource.class)
                        .path("fundings").path(outcome.value().id().toString()).build());
    }

    @GET
    @Path("/fundings")
    @Produces(MediaType.APPLICATION_JSON)
    public List<FundingResponse> fundings(@QueryParam("status") TransferStatus status,
            @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("before") UUID before) {
        return pool.list(caller.communityId(), status, before, limit).stream().map(PointsMapper::funding).toList();
    }

    @GET
    @Path("/fundings/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public FundingHistoryResponse funding(@PathParam("id") UUID id) {
        SubsidyPoolService.FundingHistory h = pool.find(caller.communityId(), id);
        return new FundingHistoryResponse(PointsMapper.funding(h.funding()),
                h.history().stream().map(PointsMapper::audit).toList());
    }

    @POST
    @Path("/fundings/{id}/approve")
    @Produces(MediaType.APPLICATION_JSON)
    public FundingResponse approve(@PathParam("id") UUID id) {
        return PointsMapper.funding(pool.approve(caller.id(), caller.communityId(), id));
    }

    @POST
    @Path("/fundings/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public FundingResponse reject(@PathParam("id") UUID id, @Valid @NotNull DecisionRequest request) {
        return PointsMapper.funding(pool.reject(caller.id(), caller.communityId(), id, request.reason().strip()));
    }
}
