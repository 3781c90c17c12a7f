package org.communitypoints.catalog.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.communitypoints.catalog.service.ExportService;
import org.communitypoints.contracts.export.ExportPage;
import org.communitypoints.contracts.export.RedemptionExportRow;
import org.communitypoints.platform.web.Roles;

/** Batch reconciliation reads every community's redemptions, page by page after a cursor. */
@Path("/exports")
@RolesAllowed(Roles.RECONCILER)
public class ExportResource {

    private final ExportService exports;

    public ExportResource(ExportService exports) {
        this.exports = exports;
    }

    @GET
    @Path("redemptions")
    public ExportPage<RedemptionExportRow> redemptions(@QueryParam("after") String after, @QueryParam("limit") Integer limit) {
        return exports.after(after, limit);
    }
}
