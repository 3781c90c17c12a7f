package org.communitypoints.community.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.communitypoints.community.service.AuditService;
import org.communitypoints.platform.data.ExportCursor;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Roles;

/** Staff read every change of their community's registry: who, what, when. */
@Path("/audit")
@RolesAllowed(Roles.STAFF)
public class AuditResource {

    private final AuditService audit;
    private final Caller caller;

    public AuditResource(AuditService audit, Caller caller) {
        this.audit = audit;
        this.caller = caller;
    }

    /**
     * @param memberId only the changes concerning this resident
     * @param subjectId only the changes of this household, join request or grant
     * @param before the previous page's nextBefore
     */
    @GET
    public AuditPageResponse page(@QueryParam("memberId") @Pattern(regexp = Ids.MEMBER_ID) String memberId,
            @QueryParam("subjectId") @Pattern(regexp = "[A-Za-z0-9._:@-]{1,100}") String subjectId,
            @QueryParam("before") Long before, @QueryParam("limit") Integer limit) {
        return RegistryMapper.toResponse(audit.page(caller.communityId(), memberId, subjectId, before,
                ExportCursor.pageSize(limit, 100, 1000)));
    }
}
