package org.communitypoints.points.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Roles;
import org.communitypoints.points.domain.AuditEntry;
import org.communitypoints.points.service.AuditService;

/** The control audit of the caller's community: every decision about adjustments and pool fundings. */
@Path("/audit")
@RolesAllowed(Roles.STAFF)
public class AuditResource {

    private final AuditService audit;
    private final Caller caller;

    public AuditResource(AuditService audit, Caller caller) {
        this.audit = audit;
        this.caller = caller;
    }

    /** Newest first; {@code cursor} is the {@code nextCursor} of the page before. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public AuditPageResponse trail(@QueryParam("limit") @DefaultValue("50") int limit,
            @QueryParam("cursor") Long cursor) {
        List<AuditEntry> entries = audit.trail(caller.communityId(), null, cursor, limit);
        String next = entries.size() < limit ? null : String.valueOf(entries.get(entries.size() - 1).sequence());
        return new AuditPageResponse(entries.stream().map(PointsMapper::audit).toList(), next);
    }
}
