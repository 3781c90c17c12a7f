package org.communitypoints.activity.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.communitypoints.activity.service.ExportService;
import org.communitypoints.contracts.export.ExportPage;
import org.communitypoints.contracts.export.ShiftExportItem;
import org.communitypoints.platform.web.Roles;

/** What the reconciliation job reads: the contract records of {@code contracts.export}, as they are. */
@Path("/exports")
public class ExportResource {

    private final ExportService exports;

    public ExportResource(ExportService exports) {
        this.exports = exports;
    }

    /** Verifications and corrections of all communities, in commit order. */
    @GET
    @Path("shifts")
    @RolesAllowed(Roles.RECONCILER)
    public ExportPage<ShiftExportItem> shifts(@QueryParam("after") String after, @QueryParam("limit") Integer limit) {
        return exports.shifts(after, limit);
    }
}
