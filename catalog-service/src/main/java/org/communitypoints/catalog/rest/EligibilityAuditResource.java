package org.communitypoints.catalog.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.communitypoints.catalog.service.EligibilityService;
import org.communitypoints.platform.data.ExportCursor;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.platform.web.Roles;

/** Who tagged or untagged which household of the community, when: the append-only audit, for the community's staff. */
@Path("/eligibility/audit")
@RolesAllowed(Roles.STAFF)
public class EligibilityAuditResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final EligibilityService eligibility;
    private final Caller caller;

    public EligibilityAuditResource(EligibilityService eligibility, Caller caller) {
        this.eligibility = eligibility;
        this.caller = caller;
    }

    /**
     * Newest first. {@code memberId} narrows it to one household; {@code before} is the previous page's
     * {@code nextBefore}; {@code limit} 1–500 (default 100).
     */
    @GET
    public EligibilityAuditResponse audit(
            @QueryParam("memberId") @Pattern(regexp = EligibilityResource.MEMBER_ID) String memberId,
            @QueryParam("before") Long before, @QueryParam("limit") Integer limit) {
        if (before != null && before < 1) {
            throw ProblemException.badRequest("INVALID_BEFORE",
                    "before must be the nextBefore of the previous page, or left out for the newest changes.");
        }
        int size = ExportCursor.pageSize(limit, DEFAULT_LIMIT, MAX_LIMIT);
        return CatalogMapper.toResponse(eligibility.audit(caller.communityId(), memberId, before, size));
    }
}
