package org.communitypoints.points.rest;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.platform.web.Roles;
import org.communitypoints.points.service.Exports;

/** What the batch reconciliation reads, across communities. */
@Path("/exports")
@RolesAllowed(Roles.RECONCILER)
public class ExportResource {

    private final Exports exports;

    public ExportResource(Exports exports) {
        this.exports = exports;
    }

    /** Postings after the cursor, in a stable order; an empty page keeps the cursor to poll again. */
    @GET
    @Path("/journal")
    @Produces(MediaType.APPLICATION_JSON)
    public Dto.JournalExportResponse journal(@QueryParam("after") String after,
            @QueryParam("limit") @DefaultValue("500") int limit) {
        Exports.JournalPage page = exports.journalAfter(after, limit);
        return new Dto.JournalExportResponse(page.entries().stream().map(Mapping::entry).toList(), page.nextCursor());
    }

    /** Every account's balance from the postings made up to and including {@code asOf} (default: now). */
    @GET
    @Path("/balances")
    @Produces(MediaType.APPLICATION_JSON)
    public Dto.BalancesExportResponse balances(@QueryParam("asOf") Instant asOf,
            @QueryParam("communityId") String communityId) {
        Instant at = asOf == null ? Instant.now() : asOf;
        if (at.isAfter(Instant.now().plusSeconds(60))) {
            throw ProblemException.badRequest("AS_OF_IN_FUTURE", "asOf must not be in the future.");
        }
        return new Dto.BalancesExportResponse(at,
                exports.balancesAsOf(at, communityId).stream().map(Mapping::account).toList());
    }
}
