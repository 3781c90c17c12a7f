package org.communitypoints.points.rest;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.communitypoints.contracts.events.ProxyChanged.Scope;
import org.communitypoints.platform.data.membership.Acting;
import org.communitypoints.platform.data.membership.ActsOnBehalf;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.platform.web.ProblemMessages;
import org.communitypoints.platform.web.Roles;
import org.communitypoints.points.config.PointsConfig;
import org.communitypoints.points.service.PassbookService;
import org.communitypoints.points.service.PointsSummaryService;

/**
 * The resident's own points, for the "My home" screen: who it is comes from the token only, or, for a proxy (代办: a
 * family member or grid worker), from {@code On-Behalf-Of} naming a resident who granted them PASSBOOK_READ (checked
 * on every request against the registry's copy by platform-data, so a revocation holds from the next request on).
 */
@Path("/me")
@RolesAllowed({ Roles.RESIDENT, Roles.GRID_WORKER })
public class MyPointsResource {

    private final PassbookService passbooks;
    private final PointsSummaryService summaries;
    private final Caller caller;
    private final Acting acting;
    private final PointsConfig config;

    public MyPointsResource(PassbookService passbooks, PointsSummaryService summaries, Caller caller, Acting acting,
            PointsConfig config) {
        this.passbooks = passbooks;
        this.summaries = summaries;
        this.caller = caller;
        this.acting = acting;
        this.config = config;
    }

    /** Whose points: the caller's own, or the resident they act for. A grid worker has no points of their own here. */
    private String owner() {
        if (!acting.onBehalf() && !caller.hasRole(Roles.RESIDENT)) {
            throw ProblemException.forbidden("ON_BEHALF_OF_REQUIRED",
                    "Grid workers read a passbook only for a resident who authorised them: send On-Behalf-Of.");
        }
        return acting.memberId();
    }

    @GET
    @Path("/balance")
    @ActsOnBehalf(Scope.PASSBOOK_READ)
    @Produces(MediaType.APPLICATION_JSON)
    public BalanceResponse balance(@QueryParam("asOf") Instant asOf) {
        return PointsMapper.balance(passbooks.balance(caller.communityId(), owner(), asOf));
    }

    @GET
    @Path("/passbook")
    @ActsOnBehalf(Scope.PASSBOOK_READ)
    @Produces(MediaType.APPLICATION_JSON)
    public PassbookResponse passbook(@QueryParam("limit") @DefaultValue("20") int limit,
            @QueryParam("cursor") String cursor, @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) {
        return PointsMapper.page(passbooks.page(caller.communityId(), owner(), limit, cursor, from, to),
                ProblemMessages.localeFor(language));
    }

    /**
     * The balance and the newest passbook lines in one call (the gateway's "my home"): the same callers, proxy rule
     * and answers as {@code /balance} and {@code /passbook?limit=}, with one token check and one read of the account.
     */
    @GET
    @Path("/summary")
    @ActsOnBehalf(Scope.PASSBOOK_READ)
    @Produces(MediaType.APPLICATION_JSON)
    public PointsSummaryResponse summary(@QueryParam("limit") @DefaultValue("5") int limit,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) {
        PointsSummaryService.Summary summary = summaries.summary(caller.communityId(), owner(), limit);
        return new PointsSummaryResponse(PointsMapper.balance(summary.balance()),
                PointsMapper.page(summary.passbook(), ProblemMessages.localeFor(language)));
    }

    @GET
    @Path("/passbook.csv")
    @ActsOnBehalf(Scope.PASSBOOK_READ)
    // A caller without the role gets 403 before any 406: platform-web's AccessBeforeNegotiation.
    @Produces(PassbookCsv.MEDIA_TYPE)
    public Response passbookCsv(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) {
        return PointsMapper.csv(passbooks.all(caller.communityId(), owner(), from, to), config.zone(),
                ProblemMessages.localeFor(language), "我的积分存折.csv");
    }
}
