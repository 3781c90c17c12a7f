package org.communitypoints.catalog.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.communitypoints.catalog.service.EligibilityService;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Roles;

/**
 * Staff read a resident's household and its means-tested categories valid today, from the catalog's copy of the
 * registry. The categories are kept in community-service (on the household, with validity and evidence); the catalog
 * no longer tags anyone.
 */
@Path("/households/{memberId}/eligibility")
@RolesAllowed(Roles.STAFF)
public class EligibilityResource {

    /** A token subject: the identity provider's ids (UUIDs) and the test and demo ids; nothing longer. */
    static final String MEMBER_ID = "[A-Za-z0-9._:@-]{1,100}";

    private final EligibilityService eligibility;
    private final Caller caller;

    public EligibilityResource(EligibilityService eligibility, Caller caller) {
        this.eligibility = eligibility;
        this.caller = caller;
    }

    @GET
    public EligibilityResponse get(@PathParam("memberId") @Pattern(regexp = MEMBER_ID) String memberId) {
        return CatalogMapper.toResponse(eligibility.ofMember(caller.communityId(), memberId));
    }
}
