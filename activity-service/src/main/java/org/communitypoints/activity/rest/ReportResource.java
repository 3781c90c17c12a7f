package org.communitypoints.activity.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.communitypoints.activity.rest.ShiftViews.ExportPage;
import org.communitypoints.activity.rest.ShiftViews.MonthlyFigures;
import org.communitypoints.activity.service.ExportService;
import org.communitypoints.activity.service.RecordService;
import org.communitypoints.platform.web.Roles;

@Path("/")
public class ReportResource {

    private final RecordService records;
    private final ExportService exports;

    public ReportResource(RecordService records, ExportService exports) {
        this.records = records;
        this.exports = exports;
    }

    /** Participation of the staff member's community in a month (YYYY-MM, local time). */
    @GET
    @Path("reports/monthly")
    @RolesAllowed(Roles.STAFF)
    public MonthlyFigures monthly(@QueryParam("month") String month) {
        return records.monthly(month);
    }

    /** Verifications and corrections of all communities, for the reconciliation job. */
    @GET
    @Path("exports/shifts")
    @RolesAllowed(Roles.RECONCILER)
    public ExportPage shifts(@QueryParam("after") String after, @QueryParam("limit") Integer limit) {
        return exports.page(after, limit);
    }
}
