package org.communitypoints.activity.rest;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.communitypoints.activity.service.ReportService;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.platform.web.Roles;

@Path("/reports")
public class ReportResource {

    private final ReportService reports;

    public ReportResource(ReportService reports) {
        this.reports = reports;
    }

    /** Participation of the staff member's community in a month (YYYY-MM, local time). */
    @GET
    @Path("monthly")
    @RolesAllowed(Roles.STAFF)
    public MonthlyFiguresResponse monthly(@QueryParam("month") String month) {
        YearMonth yearMonth;
        try {
            yearMonth = YearMonth.parse(month);
        } catch (DateTimeParseException | NullPointerException e) {
            throw ProblemException.badRequest("INVALID_MONTH", "Give the month as YYYY-MM, for example 2026-11.");
        }
        return ShiftMapper.toResponse(reports.monthly(yearMonth));
    }
}
