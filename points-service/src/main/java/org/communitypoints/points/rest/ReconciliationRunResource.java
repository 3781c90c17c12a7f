package org.communitypoints.points.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.communitypoints.contracts.export.ReconciliationRun;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.Operators;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Roles;
import org.communitypoints.points.service.ReconciliationRunService;

/**
 * The reconciler's results (README "Reconciliation results"). The reconciler's service account posts each run once
 * (Idempotency-Key = the run id); staff read the latest run narrowed to their own community (the community comes from
 * the token), operators read all of it. Residents, grid workers and partners have no business with it (403).
 */
@Path("/reconciliation-runs")
public class ReconciliationRunResource {

    private final ReconciliationRunService runs;
    private final Caller caller;

    public ReconciliationRunResource(ReconciliationRunService runs, Caller caller) {
        this.runs = runs;
        this.caller = caller;
    }

    /** Stores a run's summary; the same run again is answered as before, with {@code Idempotent-Replayed: true}. */
    @POST
    @RolesAllowed(Roles.RECONCILER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response record(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey, ReconciliationRun run,
            @Context UriInfo uri) {
        IdempotentRequests.Outcome<ReconciliationRunService.Received> outcome = runs.record(caller.id(),
                idempotencyKey, run);
        return new IdempotentRequests.Outcome<>(
                new ReconciliationRunReceipt(outcome.value().runId(), outcome.value().discrepancies()),
                outcome.replayed()).toResponse(Response.Status.CREATED,
                        uri.getBaseUriBuilder().path(ReconciliationRunResource.class).path("latest").build());
    }

    /** The latest run: an operator's whole, or the calling staff member's community's part of it. */
    @GET
    @Path("/latest")
    @RolesAllowed({ Roles.STAFF, Operators.ROLE })
    @Produces(MediaType.APPLICATION_JSON)
    public ReconciliationRun latest() {
        return runs.latest(caller.hasRole(Operators.ROLE) ? null : caller.communityId());
    }
}
