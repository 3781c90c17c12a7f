package org.communitypoints.activity.rest;

import java.time.YearMonth;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.communitypoints.activity.service.ReportService;
import org.communitypoints.platform.web.Problem;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.platform.web.Roles;
import org.communitypoints.platform.web.StrictParamConverters;

@Path("/reports")
public class ReportResource {

    private final ReportService reports;

    public ReportResource(ReportService reports) {
        this.reports = reports;
    }

    /**
     * Participation of the staff member's community in a month (YYYY-MM, local time). A month that is not
     * YYYY-MM is refused by platform-web's converter (400 INVALID_PARAMETER naming {@code month}); an absent
     * one the same way here, since there is no sensible default month.
     */
    @GET
    @Path("monthly")
    @RolesAllowed(Roles.STAFF)
    public MonthlyFiguresResponse monthly(@QueryParam("month") YearMonth month) {
        return ShiftMapper.toResponse(reports.monthly(checked("month", month)));
    }

    /**
     * Points issued by activity kind in the staff member's community for the months {@code from} to {@code to}
     * (YYYY-MM, both included; {@code to} defaults to {@code from}, one month), counted as the monthly report counts
     * {@code pointsAwarded}. A month that is not YYYY-MM is 400 INVALID_PARAMETER naming it, an absent {@code from}
     * the same, {@code to} before {@code from} 400 INVALID_MONTH_RANGE.
     */
    @GET
    @Path("points-by-kind")
    @RolesAllowed(Roles.STAFF)
    public PointsByKindResponse pointsByKind(@QueryParam("from") YearMonth from, @QueryParam("to") YearMonth to) {
        YearMonth first = checked("from", from);
        return ShiftMapper.toResponse(reports.pointsByKind(first, to == null ? first : checked("to", to)));
    }

    /**
     * The month, present and of a year PostgreSQL's dates hold: the converter also takes {@code +99999999-01}, whose
     * first day the database could not compare with and would answer with an error instead of a refusal.
     */
    private static YearMonth checked(String name, YearMonth month) {
        if (month == null || month.getYear() < 1 || month.getYear() > 9999) {
            throw new ProblemException(400, StrictParamConverters.CODE, "Bad Request",
                    name + " is required, as YYYY-MM, for example 2026-11.",
                    List.of(new Problem.FieldError(name, "required, as YYYY-MM"))).withMessage("INVALID_PARAMETER.month");
        }
        return month;
    }
}
