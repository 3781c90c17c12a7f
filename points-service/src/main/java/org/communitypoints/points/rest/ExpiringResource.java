package org.communitypoints.points.rest;

import java.time.YearMonth;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.platform.web.Roles;
import org.communitypoints.platform.web.csv.CsvDownload;
import org.communitypoints.platform.web.csv.CsvWriter;
import org.communitypoints.points.service.ExpiryService;

/**
 * The staff list of who loses how many points in a month if nothing changes, with the elderly flag from the registry
 * copy, so a grid worker can call on them: JSON, or CSV for {@code Accept: text/csv}. The caller's own community only.
 */
@Path("/expiring")
@RolesAllowed(Roles.STAFF)
public class ExpiringResource {

    private static final List<String> HEADERS = List.of("居民", "姓名", "高龄", "将过期积分", "最早获得", "最晚获得");

    private final ExpiryService expiry;
    private final Caller caller;

    public ExpiringResource(ExpiryService expiry, Caller caller) {
        this.expiry = expiry;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ExpiringListResponse list(@QueryParam("month") YearMonth month) {
        List<ExpiringResidentResponse> items = residents(month);
        return new ExpiringListResponse(caller.communityId(), month.toString(), items.size(),
                items.stream().mapToLong(ExpiringResidentResponse::points).sum(), items);
    }

    @GET
    // A caller without the role gets 403 before any 406: platform-web's AccessBeforeNegotiation.
    @Produces(CsvWriter.MEDIA_TYPE)
    public Response csv(@QueryParam("month") YearMonth month) {
        List<ExpiringResidentResponse> items = residents(month);
        return CsvDownload.of("将过期积分-" + month + ".csv", HEADERS, csv -> {
            for (ExpiringResidentResponse r : items) {
                csv.row(r.memberId(), r.displayName() == null ? "" : r.displayName(), r.elderly() ? "是" : "",
                        r.points(), r.earnedFrom().toString(), r.earnedUntil().toString());
            }
        });
    }

    private List<ExpiringResidentResponse> residents(YearMonth month) {
        if (month == null) {
            throw ProblemException.badRequest("MONTH_REQUIRED", "month is required, as YYYY-MM.");
        }
        return expiry.expiringIn(caller.communityId(), month).stream()
                .map(r -> new ExpiringResidentResponse(r.memberId(), r.displayName(), r.elderly(), r.points(),
                        r.earnedFrom(), r.earnedUntil()))
                .toList();
    }
}
