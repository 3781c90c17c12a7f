package org.communitypoints.catalog.rest;

import java.util.List;
import java.util.Locale;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.communitypoints.catalog.domain.RedemptionState;
import org.communitypoints.catalog.service.RedemptionAdmissionService;
import org.communitypoints.catalog.service.RedemptionService;
import org.communitypoints.catalog.service.RedemptionService.RedemptionDetails;
import org.communitypoints.contracts.events.ProxyChanged.Scope;
import org.communitypoints.platform.data.ExportCursor;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.IdempotentRequests.Outcome;
import org.communitypoints.platform.data.membership.Acting;
import org.communitypoints.platform.data.membership.ActsOnBehalf;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.platform.web.ProblemMessages;
import org.communitypoints.platform.web.Roles;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/redemptions")
public class RedemptionResource {

    private final RedemptionService redemptions;
    private final RedemptionAdmissionService admission;
    private final Caller caller;
    private final Acting acting;

    public RedemptionResource(RedemptionService redemptions, RedemptionAdmissionService admission, Caller caller,
            Acting acting) {
        this.redemptions = redemptions;
        this.admission = admission;
        this.caller = caller;
        this.acting = acting;
    }

    /**
     * Reserves the seat or stock and asks points-service to hold the price. Answers at once (202) with
     * the PENDING redemption; poll the Location until it is CONFIRMED (voucher issued) or REJECTED. With
     * {@code On-Behalf-Of}, a proxy holding the resident's REDEEM grant redeems with the resident's points; the
     * redemption records who placed it. Refused with 503 (Retry-After) when the catalog already has as many requests
     * and cancellations at work as it takes on ({@link RedemptionAdmissionService}); nothing was reserved then.
     */
    @POST
    @RolesAllowed({ Roles.RESIDENT, Roles.GRID_WORKER })
    @ActsOnBehalf(Scope.REDEEM)
    public Response request(@Valid @NotNull RedemptionRequest request,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey, @Context UriInfo uri,
            @Context HttpHeaders headers) {
        Outcome<RedemptionDetails> outcome = admission.admit(() -> redemptions.request(caller.communityId(),
                acting.memberId(), acting.actedBy(), RedemptionMapper.toCommand(request), idempotencyKey));
        RedemptionResponse redemption = RedemptionMapper.toResponse(outcome.value(), locale(headers));
        return new Outcome<>(redemption, outcome.replayed()).toResponse(Response.Status.ACCEPTED,
                uri.getBaseUriBuilder().path("redemptions").path(redemption.id().toString()).build());
    }

    /**
     * The resident sees their own redemption with the voucher's code; community staff any of the community's with
     * the code masked; a partner's staff their own partner's in the counter's shape ({@link CounterRedemptionResponse}).
     */
    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.RESIDENT, Roles.GRID_WORKER, Roles.STAFF, Roles.PARTNER })
    @ActsOnBehalf(Scope.REDEEM)
    @APIResponse(responseCode = "200", description = "The redemption; the counter's shape for a partner's staff", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(oneOf = {
            RedemptionResponse.class, CounterRedemptionResponse.class })))
    public Object get(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        String community = caller.communityId();
        if (caller.hasRole(Roles.STAFF)) {
            return RedemptionMapper.toResponse(redemptions.communityRedemption(community, id), locale(headers));
        }
        if (caller.hasRole(Roles.PARTNER)) {
            return RedemptionMapper.toCounterResponse(redemptions.partnerRedemption(community, caller.partnerId(), id));
        }
        return RedemptionMapper.toResponse(redemptions.ownRedemption(community, acting.memberId(), id), locale(headers));
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed({ Roles.RESIDENT, Roles.GRID_WORKER })
    @ActsOnBehalf(Scope.REDEEM)
    public RedemptionResponse cancel(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return RedemptionMapper.toResponse(
                admission.admit(() -> redemptions.cancel(caller.communityId(), acting.memberId(), id)), locale(headers));
    }

    /** Staff look for redemptions in one state, e.g. CAPTURE_FAILED ones that need attention. */
    @GET
    @RolesAllowed(Roles.STAFF)
    public List<RedemptionResponse> inState(@QueryParam("state") RedemptionState wanted, @QueryParam("limit") Integer limit,
            @Context HttpHeaders headers) {
        if (wanted == null) {
            throw ProblemException.badRequest("INVALID_PARAMETER", "Please say which state, e.g. state=CAPTURE_FAILED.");
        }
        int max = ExportCursor.pageSize(limit, 100, 500);
        Locale locale = locale(headers);
        return redemptions.ofCommunity(caller.communityId(), wanted, max).stream()
                .map(r -> RedemptionMapper.toResponse(r, locale)).toList();
    }

    static Locale locale(HttpHeaders headers) {
        return ProblemMessages.localeFor(headers.getAcceptableLanguages());
    }
}
