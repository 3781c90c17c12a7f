package org.communitypoints.community.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.communitypoints.community.service.ProxyService;
import org.communitypoints.community.service.ResidentService;
import org.communitypoints.contracts.events.MemberChanged.MembershipStatus;
import org.communitypoints.platform.data.ExportCursor;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.IdempotentRequests.Outcome;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Roles;

/**
 * Staff and grid workers register, read, update and move out the residents of their community; staff also name and
 * revoke proxies for a resident. Another community's member ids answer 404.
 */
@Path("/residents")
@RolesAllowed({ Roles.STAFF, Roles.GRID_WORKER })
public class ResidentResource {

    private final ResidentService residents;
    private final ProxyService proxies;
    private final Caller caller;

    public ResidentResource(ResidentService residents, ProxyService proxies, Caller caller) {
        this.residents = residents;
        this.proxies = proxies;
        this.caller = caller;
    }

    /** Registers a resident (or opens again the membership of one who moved out). Needs an Idempotency-Key. */
    @POST
    public Response register(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull ResidentRequest request) {
        Outcome<ResidentResponse> outcome = RegistryMapper.map(residents.register(caller.communityId(), caller.id(),
                idempotencyKey, new ResidentService.Registration(request.memberId(), RegistryMapper.toDetails(request))),
                RegistryMapper::toResponse);
        return outcome.toResponse(Status.CREATED, URI.create("residents/" + outcome.value().memberId()));
    }

    /** @param status ACTIVE or MOVED_OUT; absent for both */
    @GET
    public List<ResidentResponse> list(@QueryParam("status") MembershipStatus status,
            @QueryParam("limit") Integer limit) {
        return residents.list(caller.communityId(), status, ExportCursor.pageSize(limit, 500, 2000)).stream()
                .map(RegistryMapper::toResponse).toList();
    }

    @GET
    @Path("{memberId}")
    public ResidentResponse get(@PathParam("memberId") @Pattern(regexp = Ids.MEMBER_ID) String memberId) {
        return RegistryMapper.toResponse(residents.get(caller.communityId(), memberId));
    }

    /** Replaces what staff record about the resident; an unchanged record publishes nothing. */
    @PUT
    @Path("{memberId}")
    public ResidentResponse update(@PathParam("memberId") @Pattern(regexp = Ids.MEMBER_ID) String memberId,
            @Valid @NotNull ResidentUpdateRequest request) {
        return RegistryMapper.toResponse(
                residents.update(caller.communityId(), caller.id(), memberId, RegistryMapper.toDetails(request)));
    }

    /** Closes the membership; nothing is deleted and the household link stays in the record. */
    @POST
    @Path("{memberId}/move-out")
    public ResidentResponse moveOut(@PathParam("memberId") @Pattern(regexp = Ids.MEMBER_ID) String memberId,
            @Valid @NotNull MoveOutRequest request) {
        return RegistryMapper.toResponse(residents.moveOut(caller.communityId(), caller.id(), memberId,
                request.reason()));
    }

    @GET
    @Path("{memberId}/proxies")
    @RolesAllowed(Roles.STAFF)
    public List<GrantResponse> proxies(@PathParam("memberId") @Pattern(regexp = Ids.MEMBER_ID) String memberId) {
        return proxies.ofResident(caller.communityId(), memberId).stream().map(RegistryMapper::toResponse).toList();
    }

    /** Staff name a proxy for the resident with the resident's consent on record. Needs an Idempotency-Key. */
    @POST
    @Path("{memberId}/proxies")
    @RolesAllowed(Roles.STAFF)
    public Response grant(@PathParam("memberId") @Pattern(regexp = Ids.MEMBER_ID) String memberId,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull StaffProxyGrantRequest request) {
        Outcome<GrantResponse> outcome = RegistryMapper.map(proxies.grantForResident(caller.communityId(), caller.id(),
                idempotencyKey, new ProxyService.StaffGrant(memberId, RegistryMapper.toGrant(request),
                        request.consentNote())),
                RegistryMapper::toResponse);
        return outcome.toResponse(Status.CREATED,
                URI.create("residents/" + memberId + "/proxies/" + outcome.value().id()));
    }

    @POST
    @Path("{memberId}/proxies/{grantId}/revoke")
    @RolesAllowed(Roles.STAFF)
    public GrantResponse revoke(@PathParam("memberId") @Pattern(regexp = Ids.MEMBER_ID) String memberId,
            @PathParam("grantId") UUID grantId) {
        return RegistryMapper.toResponse(proxies.revokeForResident(caller.communityId(), caller.id(), memberId, grantId));
    }
}
