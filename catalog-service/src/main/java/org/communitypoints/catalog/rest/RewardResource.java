package org.communitypoints.catalog.rest;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.communitypoints.catalog.domain.EligibilityCategory;
import org.communitypoints.catalog.domain.RewardKind;
import org.communitypoints.catalog.service.CatalogService;
import org.communitypoints.catalog.service.EligibilityService;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Roles;

@Path("/rewards")
public class RewardResource {

    private final CatalogService catalog;
    private final EligibilityService eligibility;
    private final Caller caller;

    public RewardResource(CatalogService catalog, EligibilityService eligibility, Caller caller) {
        this.catalog = catalog;
        this.eligibility = eligibility;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.STAFF)
    public Response add(@Valid @NotNull RewardRequest request) {
        RewardResponse reward = CatalogMapper
                .toResponse(catalog.addReward(caller.communityId(), CatalogMapper.toCommand(request)));
        return Response.created(URI.create("rewards/" + reward.id())).entity(reward).build();
    }

    /** The community's catalog; {@code kind} and {@code available=true} narrow it down. */
    @GET
    @RolesAllowed({ Roles.RESIDENT, Roles.STAFF, Roles.PARTNER })
    public List<RewardResponse> browse(@QueryParam("kind") RewardKind kind, @QueryParam("available") Boolean available) {
        return catalog.browse(caller.communityId(), kind, available, household())
                .stream()
                .map(CatalogMapper::toResponse).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.RESIDENT, Roles.STAFF, Roles.PARTNER })
    public RewardResponse get(@PathParam("id") UUID id) {
        return CatalogMapper.toResponse(catalog.reward(caller.communityId(), id, household()));
    }

    @POST
    @Path("{id}/sessions")
    @RolesAllowed(Roles.STAFF)
    public Response addSession(@PathParam("id") UUID id, @Valid @NotNull SessionRequest request) {
        SessionResponse session = CatalogMapper
                .toResponse(catalog.addSession(caller.communityId(), id, CatalogMapper.toCommand(request)));
        return Response.created(URI.create("rewards/" + id)).entity(session).build();
    }

    /** Adds stock to a CHILDCARE_CREDIT or GOODS reward (a delivery of gifts, more care places). */
    @POST
    @Path("{id}/restock")
    @RolesAllowed(Roles.STAFF)
    public RewardResponse restock(@PathParam("id") UUID id, @Valid @NotNull RestockRequest request) {
        return CatalogMapper.toResponse(catalog.restock(caller.communityId(), id, request.quantity()));
    }

    /** Takes a reward out of the catalog; vouchers already issued stay valid. */
    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.STAFF)
    public Response withdraw(@PathParam("id") UUID id) {
        catalog.withdraw(caller.communityId(), id);
        return Response.noContent().build();
    }

    private Set<EligibilityCategory> household() {
        return caller.hasRole(Roles.RESIDENT) ? eligibility.categories(caller.communityId(), caller.id()) : Set.of();
    }
}
