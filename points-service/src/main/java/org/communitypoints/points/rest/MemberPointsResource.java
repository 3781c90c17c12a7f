package org.communitypoints.points.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemMessages;
import org.communitypoints.platform.web.Roles;
import org.communitypoints.points.config.PointsConfig;
import org.communitypoints.points.service.PassbookService;

/**
 * Community staff read the accounts of their own community: a member id in the path is looked up in the
 * staff member's community only (from the token), so another community's residents are never reached: a member
 * without an account in it is 404, before any parameter is checked.
 */
@Path("/")
@RolesAllowed(Roles.STAFF)
public class MemberPointsResource {

    private final PassbookService passbooks;
    private final Caller caller;
    private final PointsConfig config;

    public MemberPointsResource(PassbookService passbooks, Caller caller, PointsConfig config) {
        this.passbooks = passbooks;
        this.caller = caller;
        this.config = config;
    }

    @GET
    @Path("/members/{memberId}/balance")
    @Produces(MediaType.APPLICATION_JSON)
    public BalanceResponse balance(@PathParam("memberId") String memberId, @QueryParam("asOf") Instant asOf) {
        passbooks.requireMember(caller.communityId(), memberId);
        return PointsMapper.balance(passbooks.balance(caller.communityId(), memberId, asOf));
    }

    @GET
    @Path("/members/{memberId}/passbook")
    @Produces(MediaType.APPLICATION_JSON)
    public PassbookResponse passbook(@PathParam("memberId") String memberId,
            @QueryParam("limit") @DefaultValue("20") int limit, @QueryParam("cursor") String cursor,
            @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) {
        passbooks.requireMember(caller.communityId(), memberId);
        return PointsMapper.page(passbooks.page(caller.communityId(), memberId, limit, cursor, from, to),
                ProblemMessages.localeFor(language));
    }

    @GET
    @Path("/members/{memberId}/passbook.csv")
    // A caller without the role gets 403 before any 406: platform-web's AccessBeforeNegotiation.
    @Produces(PassbookCsv.MEDIA_TYPE)
    public Response passbookCsv(@PathParam("memberId") String memberId, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) {
        passbooks.requireMember(caller.communityId(), memberId);
        return PointsMapper.csv(passbooks.all(caller.communityId(), memberId, from, to), config.zone(),
                ProblemMessages.localeFor(language), "积分存折-" + memberId + ".csv");
    }

    /** The community's own accounts: issuance, subsidy pool, expiry and each partner's redemption account. */
    @GET
    @Path("/accounts")
    @Produces(MediaType.APPLICATION_JSON)
    public List<AccountResponse> communityAccounts() {
        return passbooks.communityAccounts(caller.communityId()).stream().map(PointsMapper::account).toList();
    }
}
