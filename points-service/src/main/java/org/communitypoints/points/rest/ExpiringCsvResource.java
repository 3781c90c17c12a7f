package org.communitypoints.points.rest;

import java.time.YearMonth;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Roles;
import org.communitypoints.platform.web.csv.CsvDownload;
import org.communitypoints.platform.web.csv.CsvWriter;
import org.communitypoints.points.service.ExpiryService;

/** The staff list of points about to lapse as a spreadsheet, for the grid workers who call on the residents. */
@Path("/expiring.csv")
@RolesAllowed(Roles.STAFF)
public class ExpiringCsvResource {

    private static final List<String> HEADERS = List.of("居民", "姓名", "高龄", "将过期积分", "最早获得", "最晚获得");

    private final ExpiryService expiry;
    private final Caller caller;

    public ExpiringCsvResource(ExpiryService expiry, Caller caller) {
        this.expiry = expiry;
        this.caller = caller;
    }

    @GET
    // A caller without the role gets 403 before any 406: platform-web's AccessBeforeNegotiation.
    @Produces(CsvWriter.MEDIA_TYPE)
    public Response csv(@QueryParam("month") YearMonth month) {
        List<ExpiringResidentResponse> items = ExpiringResource.residents(expiry, caller, month);
        return CsvDownload.of("将过期积分-" + month + ".csv", HEADERS, csv -> {
            for (ExpiringResidentResponse r : items) {
                csv.row(r.memberId(), r.displayName() == null ? "" : r.displayName(), r.elderly() ? "是" : "",
                        r.points(), r.earnedFrom().toString(), r.earnedUntil().toString());
            }
        });
    }
}
