package org.communitypoints.points.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.communitypoints.contracts.events.ProxyChanged.Scope;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.membership.Acting;
import org.communitypoints.platform.data.membership.ActsOnBehalf;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.platform.web.Roles;
import org.communitypoints.points.service.ExpiryService;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The resident's points about to lapse, and giving them to the community's subsidy pool instead. A proxy (代办) reads
 * them with PASSBOOK_READ and donates with REDEEM, the scope that lets them spend the resident's points.
 */
@Path("/me/expiring")
@RolesAllowed({ Roles.RESIDENT, Roles.GRID_WORKER })
public class MyExpiryResource {

    private final ExpiryService expiry;
    private final Caller caller;
    private final Acting acting;

    public MyExpiryResource(ExpiryService expiry, Caller caller, Acting acting) {
        this.expiry = expiry;
        this.caller = caller;
        this.acting = acting;
    }

    private String owner() {
        if (!acting.onBehalf() && !caller.hasRole(Roles.RESIDENT)) {
            throw ProblemException.forbidden("ON_BEHALF_OF_REQUIRED",
                    "Grid workers act only for a resident who authorised them: send On-Behalf-Of.");
        }
        return acting.memberId();
    }

    @GET
    @ActsOnBehalf(Scope.PASSBOOK_READ)
    @Produces(MediaType.APPLICATION_JSON)
    public MyExpiringResponse get() {
        ExpiryService.Expiring e = expiry.expiring(caller.communityId(), owner());
        return new MyExpiringResponse(e.memberId(), e.points(), e.by().toString());
    }

    /** Gives points about to lapse to the pool: at most what lapses by the end of next month. */
    @POST
    @Path("/donations")
    @ActsOnBehalf(Scope.REDEEM)
    @APIResponse(responseCode = "201", description = "The donation is booked", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExpiryDonationResponse.class)))
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response donate(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull ExpiryDonationRequest request) {
        IdempotentRequests.Outcome<ExpiryService.Donation> outcome = expiry.donate(caller.communityId(), owner(),
                acting.actedBy(), new ExpiryService.DonationRequest(request.points()), idempotencyKey);
        ExpiryService.Donation d = outcome.value();
        return new IdempotentRequests.Outcome<>(new ExpiryDonationResponse(d.transactionId(), d.points(),
                d.stillExpiring()), outcome.replayed()).toResponse(Response.Status.CREATED);
    }
}
