package org.communitypoints.catalog.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.communitypoints.catalog.domain.EligibilityCategory;
import org.communitypoints.catalog.service.EligibilityService;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Roles;

/** Staff tag a household (by the resident's member id) for means-tested prices in their own community. */
@Path("/households/{memberId}/eligibility")
@RolesAllowed(Roles.STAFF)
public class EligibilityResource {

    private final EligibilityService eligibility;
    private final Caller caller;

    public EligibilityResource(EligibilityService eligibility, Caller caller) {
        this.eligibility = eligibility;
        this.caller = caller;
    }

    @GET
    public EligibilityResponse get(@PathParam("memberId") String memberId) {
        return CatalogMapper.toResponse(eligibility.of(caller.communityId(), memberId));
    }

    @PUT
    @Path("{category}")
    public EligibilityResponse tag(@PathParam("memberId") String memberId,
            @PathParam("category") EligibilityCategory category) {
        return CatalogMapper.toResponse(eligibility.tag(caller.communityId(), memberId, category, caller.id()));
    }

    @DELETE
    @Path("{category}")
    public EligibilityResponse untag(@PathParam("memberId") String memberId,
            @PathParam("category") EligibilityCategory category) {
        return CatalogMapper.toResponse(eligibility.untag(caller.communityId(), memberId, category));
    }
}
