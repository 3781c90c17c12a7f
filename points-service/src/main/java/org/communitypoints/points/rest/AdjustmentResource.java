package org.communitypoints.points.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Roles;
import org.communitypoints.points.service.AdjustmentService;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Staff add or take off points with a reason; the resident's passbook shows the reason. */
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
    @APIResponse(responseCode = "201", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdjustmentResponse.class)))
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response adjust(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull AdjustmentRequest request) {
        IdempotentRequests.Outcome<AdjustmentService.Adjusted> outcome = adjustments.adjust(caller.id(),
                caller.communityId(),
                new AdjustmentService.Adjustment(request.memberId().strip(), request.points(), request.reason().strip()),
                idempotencyKey);
        // The suite's one idempotent reply: a replay gets the same 201 and body, marked Idempotent-Replayed.
        return new IdempotentRequests.Outcome<>(PointsMapper.adjustment(outcome.value()), outcome.replayed())
                .toResponse(Response.Status.CREATED);
    }
}
