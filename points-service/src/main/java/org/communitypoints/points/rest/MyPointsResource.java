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

import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemMessages;
import org.communitypoints.platform.web.Roles;
import org.communitypoints.points.config.PointsConfig;
import org.communitypoints.points.service.PassbookService;

/** The resident's own points, for the "My home" screen: who it is comes from the token only. */
@Path("/me")
@RolesAllowed(Roles.RESIDENT)
public class MyPointsResource {

    private final PassbookService passbooks;
    private final Caller caller;
    private final PointsConfig config;

    public MyPointsResource(PassbookService passbooks, Caller caller, PointsConfig config) {
        this.passbooks = passbooks;
        this.caller = caller;
        this.config = config;
    }

    @GET
    @Path("/balance")
    @Produces(MediaType.APPLICATION_JSON)
    public BalanceResponse balance(@QueryParam("asOf") Instant asOf) {
        return PointsMapper.balance(passbooks.balance(caller.communityId(), caller.id(), asOf));
    }

    @GET
    @Path("/passbook")
    @Produces(MediaType.APPLICATION_JSON)
    public PassbookResponse passbook(@QueryParam("limit") @DefaultValue("20") int limit,
            @QueryParam("cursor") String cursor, @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) {
        return PointsMapper.page(passbooks.page(caller.communityId(), caller.id(), limit, cursor, from, to),
                ProblemMessages.localeFor(language));
    }

    @GET
    @Path("/passbook.csv")
    // A caller without the role gets 403 before any 406: platform-web's AccessBeforeNegotiation.
    @Produces(PassbookCsv.MEDIA_TYPE)
    public Response passbookCsv(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) {
        return PointsMapper.csv(passbooks.all(caller.communityId(), caller.id(), from, to), config.zone(),
                ProblemMessages.localeFor(language), "我的积分存折.csv");
    }
}
