package org.communitypoints.points.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import org.communitypoints.points.domain.ExpiryPolicyChange;
import org.communitypoints.points.service.ExpiryPolicyService;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The community's points expiry rule: off until one staff member asks and a second one approves. */
@Path("/expiry-policy")
@RolesAllowed(Roles.STAFF)
public class ExpiryPolicyResource {

    private final ExpiryPolicyService policies;
    private final Caller caller;

    public ExpiryPolicyResource(ExpiryPolicyService policies, Caller caller) {
        this.policies = policies;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ExpiryPolicyResponse get() {
        return ExpiryPolicyResponse.of(policies.view(caller.communityId()));
    }

    @POST
    @Path("/changes")
    @APIResponse(responseCode = "202", description = "The change waits, PENDING, for a second staff member (Location names it)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExpiryPolicyChangeResponse.class)))
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response request(@Valid @NotNull ExpiryPolicyChangeRequest request, @Context UriInfo uri) {
        ExpiryPolicyChange change = policies.request(caller.id(), caller.communityId(),
                new ExpiryPolicyService.ChangeRequest(request.enabled(), request.expiresAfterMonths(),
                        request.warnDaysAhead(), request.reason().strip()));
        return Response.accepted(ExpiryPolicyChangeResponse.of(change))
                .location(uri.getBaseUriBuilder().path(ExpiryPolicyResource.class).path("changes")
                        .path(change.id().toString()).build())
                .build();
    }

    @POST
    @Path("/changes/{id}/approve")
    @Produces(MediaType.APPLICATION_JSON)
    public ExpiryPolicyChangeResponse approve(@PathParam("id") UUID id) {
        return ExpiryPolicyChangeResponse.of(policies.approve(caller.id(), caller.communityId(), id));
    }

    @POST
    @Path("/changes/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ExpiryPolicyChangeResponse reject(@PathParam("id") UUID id, @Valid @NotNull DecisionRequest request) {
        return ExpiryPolicyChangeResponse.of(
                policies.reject(caller.id(), caller.communityId(), id, request.reason().strip()));
    }
}
