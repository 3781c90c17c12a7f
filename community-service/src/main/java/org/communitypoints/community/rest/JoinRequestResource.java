package org.communitypoints.community.rest;

import java.net.URI;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.communitypoints.community.domain.JoinRequest;
import org.communitypoints.community.service.JoinRequestService;
import org.communitypoints.platform.data.ExportCursor;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.IdempotentRequests.Outcome;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Roles;

/** A resident asks to join from the mini-program; staff approve into a household or decline with a reason. */
@Path("/join-requests")
public class JoinRequestResource {

    private final JoinRequestService requests;
    private final Caller caller;

    public JoinRequestResource(JoinRequestService requests, Caller caller) {
        this.requests = requests;
        this.caller = caller;
    }

    /** Needs an Idempotency-Key: a second tap in the mini-program gets the first answer. */
    @POST
    @RolesAllowed(Roles.RESIDENT)
    public Response ask(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull JoinRequestRequest request) {
        Outcome<JoinRequestResponse> outcome = RegistryMapper.map(requests.ask(caller.communityId(), caller.id(),
                idempotencyKey, new JoinRequestService.Ask(request.displayName(), request.phone(), request.address())),
                RegistryMapper::toResponse);
        return outcome.toResponse(Status.CREATED, URI.create("join-requests/" + outcome.value().id()));
    }

    /** @param status PENDING, APPROVED or DECLINED; absent for all */
    @GET
    @RolesAllowed({ Roles.STAFF, Roles.GRID_WORKER })
    public List<JoinRequestResponse> list(@QueryParam("status") JoinRequest.Status status,
            @QueryParam("limit") Integer limit) {
        return requests.list(caller.communityId(), status, ExportCursor.pageSize(limit, 200, 1000)).stream()
                .map(RegistryMapper::toResponse).toList();
    }

    @POST
    @Path("{id}/approve")
    @RolesAllowed(Roles.STAFF)
    public JoinRequestResponse approve(@PathParam("id") UUID id, @Valid @NotNull ApprovalRequest request) {
        return RegistryMapper.toResponse(requests.approve(caller.communityId(), caller.id(), id,
                new JoinRequestService.Approval(request.householdId(), request.birthYear(), request.volunteerState())));
    }

    @POST
    @Path("{id}/decline")
    @RolesAllowed(Roles.STAFF)
    public JoinRequestResponse decline(@PathParam("id") UUID id, @Valid @NotNull DeclineRequest request) {
        return RegistryMapper.toResponse(requests.decline(caller.communityId(), caller.id(), id, request.reason()));
    }
}
