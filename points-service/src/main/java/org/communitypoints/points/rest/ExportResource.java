package org.communitypoints.points.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.communitypoints.contracts.export.BalanceExport;
import org.communitypoints.contracts.export.ChainLink;
import org.communitypoints.contracts.export.ExportPage;
import org.communitypoints.contracts.export.JournalEntry;
import org.communitypoints.contracts.export.UnconfirmedRequest;
import org.communitypoints.contracts.seal.SignedSeal;
import org.communitypoints.platform.web.Roles;
import org.communitypoints.points.service.ExportService;

/**
 * What the batch reconciliation reads, across communities. The bodies are the export records of
 * {@code contracts} ({@code org.communitypoints.contracts.export}), which the reconciler reads as they are.
 */
@Path("/exports")
@RolesAllowed(Roles.RECONCILER)
public class ExportResource {

    private final ExportService exports;

    public ExportResource(ExportService exports) {
        this.exports = exports;
    }

    /** Postings after the cursor, in a stable order; an empty page keeps the cursor to poll again. */
    @GET
    @Path("/journal")
    @Produces(MediaType.APPLICATION_JSON)
    public ExportPage<JournalEntry> journal(@QueryParam("after") String after,
            @QueryParam("limit") Integer limit) {
        return exports.journalAfter(after, limit);
    }

    /**
     * The redemption requests refused because nothing confirmed them (no gateway receipt, a proxy's grant or a
     * household's category the registry copy does not hold), after the cursor, in the order they were refused.
     */
    @GET
    @Path("/unconfirmed-requests")
    @Produces(MediaType.APPLICATION_JSON)
    public ExportPage<UnconfirmedRequest> unconfirmedRequests(@QueryParam("after") String after,
            @QueryParam("limit") Integer limit) {
        return exports.unconfirmedAfter(after, limit);
    }

    /** Every account's balance from the postings made up to and including {@code asOf} (default: now). */
    @GET
    @Path("/balances")
    @Produces(MediaType.APPLICATION_JSON)
    public BalanceExport balances(@QueryParam("asOf") Instant asOf, @QueryParam("communityId") String communityId) {
        return exports.balancesAsOf(asOf, communityId);
    }

    /** The hash chain's links after the cursor, with each transaction's content as the journal holds it now. */
    @GET
    @Path("/chain")
    @Produces(MediaType.APPLICATION_JSON)
    public ExportPage<ChainLink> chain(@QueryParam("after") String after, @QueryParam("limit") Integer limit) {
        return exports.chainAfter(after, limit);
    }

    /** Every signed monthly seal (or one community's). */
    @GET
    @Path("/seals")
    @Produces(MediaType.APPLICATION_JSON)
    public List<SignedSeal> seals(@QueryParam("communityId") String communityId) {
        return exports.seals(communityId);
    }
}
