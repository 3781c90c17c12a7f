package org.communitypoints.points.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Roles;
import org.communitypoints.points.service.Reversals;

/** Staff correct a wrong booking of their community by reversing it; nothing is ever edited. */
@Path("/transactions/{transactionId}/reversal")
@RolesAllowed(Roles.STAFF)
public class ReversalResource {

    public record ReversalRequest(
            @NotBlank(message = "a reason is required for every reversal") @Size(max = 500) String reason) {
    }

    private final Reversals reversals;
    private final Caller caller;

    public ReversalResource(Reversals reversals, Caller caller) {
        this.reversals = reversals;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response reverse(@PathParam("transactionId") UUID transactionId, @Valid @NotNull ReversalRequest request) {
        Reversals.Result result = reversals.reverse(caller.id(), caller.communityId(), transactionId,
                request.reason().strip());
        return Response.status(Response.Status.CREATED).entity(result).build();
    }
}
