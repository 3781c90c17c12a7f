package org.communitypoints.points.rest;

import java.time.YearMonth;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.platform.web.Roles;
import org.communitypoints.points.service.ExpiryService;

/**
 * The staff list of who loses how many points in a month if nothing changes, with the elderly flag from the registry
 * copy, so a grid worker can call on them ({@code /expiring.csv}: the same as CSV). The caller's own community only.
 */
@Path("/expiring")
@RolesAllowed(Roles.STAFF)
public class ExpiringResource {

    private final ExpiryService expiry;
    private final Caller caller;

    public ExpiringResource(ExpiryService expiry, Caller caller) {
        this.expiry = expiry;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ExpiringListResponse list(@QueryParam("month") YearMonth month) {
        List<ExpiringResidentResponse> items = residents(expiry, caller, month);
        return new ExpiringListResponse(caller.communityId(), month.toString(), items.size(),
                items.stream().mapToLong(ExpiringResidentResponse::points).sum(), items);
    }

    static List<ExpiringResidentResponse> residents(ExpiryService expiry, Caller caller, YearMonth month) {
        if (month == null) {
            throw ProblemException.badRequest("MONTH_REQUIRED", "month is required, as YYYY-MM.");
        }
        return expiry.expiringIn(caller.communityId(), month).stream()
                .map(r -> new ExpiringResidentResponse(r.memberId(), r.displayName(), r.elderly(), r.points(),
                        r.earnedFrom(), r.earnedUntil()))
                .toList();
    }
}
