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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.communitypoints.community.service.JoinRequestService;
import org.communitypoints.community.service.ProxyService;
import org.communitypoints.community.service.ResidentService;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.IdempotentRequests.Outcome;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Roles;

/** The calling resident's own registration, join requests and proxy grants; ids come from the token only. */
@Path("/me")
@RolesAllowed(Roles.RESIDENT)
public class MeResource {

    private final ResidentService residents;
    private final JoinRequestService joinRequests;
    private final ProxyService proxies;
    private final Caller caller;

    public MeResource(ResidentService residents, JoinRequestService joinRequests, ProxyService proxies, Caller caller) {
        this.residents = residents;
        this.joinRequests = joinRequests;
        this.proxies = proxies;
        this.caller = caller;
    }

    /** 404 NOT_REGISTERED until staff register the resident or approve their join request. */
    @GET
    public ResidentResponse me() {
        return RegistryMapper.toResponse(residents.me(caller.communityId(), caller.id()));
    }

    @GET
    @Path("join-requests")
    public List<JoinRequestResponse> joinRequests() {
        return joinRequests.mine(caller.communityId(), caller.id()).stream().map(RegistryMapper::toResponse).toList();
    }

    /** The grants I gave, newest first, with their state now. */
    @GET
    @Path("proxies")
    public List<GrantResponse> proxies() {
        return proxies.givenBy(caller.communityId(), caller.id()).stream().map(RegistryMapper::toResponse).toList();
    }

    /** Names a family member (a registered resident of my community) as my proxy. Needs an Idempotency-Key. */
    @POST
    @Path("proxies")
    public Response grant(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull ProxyGrantRequest request) {
        Outcome<GrantResponse> outcome = RegistryMapper.map(proxies.grantOwn(caller.communityId(), caller.id(),
                idempotencyKey, RegistryMapper.toGrant(request)), RegistryMapper::toResponse);
        return outcome.toResponse(Status.CREATED, URI.create("me/proxies/" + outcome.value().id()));
    }

    /** Effective at once: the proxy can no longer act for me, and the other services hear of it right away. */
    @POST
    @Path("proxies/{grantId}/revoke")
    public GrantResponse revoke(@PathParam("grantId") UUID grantId) {
        return RegistryMapper.toResponse(proxies.revokeOwn(caller.communityId(), caller.id(), grantId));
    }

    /** The residents I may act for now, with the scopes of each grant. Grid workers act for residents too. */
    @GET
    @Path("acting-for")
    @RolesAllowed({ Roles.RESIDENT, Roles.GRID_WORKER })
    public List<ActingForResponse> actingFor() {
        return proxies.actingFor(caller.communityId(), caller.id()).stream().map(RegistryMapper::toResponse).toList();
    }
}
