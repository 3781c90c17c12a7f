package org.communitypoints.catalog.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.communitypoints.catalog.domain.RedemptionState;
import org.communitypoints.catalog.service.RedemptionService;
import org.communitypoints.catalog.service.RedemptionService.RedemptionDetails;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.IdempotentRequests.Outcome;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.platform.web.Roles;

@Path("/redemptions")
public class RedemptionResource {

    private final RedemptionService redemptions;
    private final Caller caller;

    public RedemptionResource(RedemptionService redemptions, Caller caller) {
        this.redemptions = redemptions;
        this.caller = caller;
    }

    /**
     * Reserves the seat or stock and asks points-service to hold the price. Answers at once (202) with
     * the PENDING redemption; poll the Location until it is CONFIRMED (voucher issued) or REJECTED.
     */
    @POST
    @RolesAllowed(Roles.RESIDENT)
    public Response request(@Valid @NotNull RedemptionRequest request,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey, @Context UriInfo uri) {
        Outcome<RedemptionDetails> outcome = redemptions.request(caller.communityId(), caller.id(),
                RedemptionMapper.toCommand(request), idempotencyKey);
        RedemptionResponse redemption = RedemptionMapper.toResponse(outcome.value());
        return new Outcome<>(redemption, outcome.replayed()).toResponse(Response.Status.ACCEPTED,
                uri.getBaseUriBuilder().path("redemptions").path(redemption.id().toString()).build());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.RESIDENT, Roles.STAFF, Roles.PARTNER })
    public RedemptionResponse get(@PathParam("id") UUID id) {
        String community = caller.communityId();
        if (caller.hasRole(Roles.STAFF)) {
            return RedemptionMapper.toResponse(redemptions.communityRedemption(community, id));
        }
        if (caller.hasRole(Roles.PARTNER)) {
            return RedemptionMapper.toResponse(redemptions.partnerRedemption(community, caller.partnerId(), id));
        }
        return RedemptionMapper.toResponse(redemptions.ownRedemption(community, caller.id(), id));
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed(Roles.RESIDENT)
    public RedemptionResponse cancel(@PathParam("id") UUID id) {
        return RedemptionMapper.toResponse(redemptions.cancel(caller.communityId(), caller.id(), id));
    }

    /** Staff look for redemptions in one state, e.g. CAPTURE_FAILED ones that need attention. */
    @GET
    @RolesAllowed(Roles.STAFF)
    public List<RedemptionResponse> inState(@QueryParam("state") RedemptionState wanted, @QueryParam("limit") Integer limit) {
        if (wanted == null) {
            throw ProblemException.badRequest("INVALID_PARAMETER", "Please say which state, e.g. state=CAPTURE_FAILED.");
        }
        int max = limit == null ? 100 : Math.max(1, Math.min(limit, 500));
        return redemptions.ofCommunity(caller.communityId(), wanted, max).stream().map(RedemptionMapper::toResponse).toList();
    }
}
