package org.communitypoints.points.rest;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

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
import org.communitypoints.points.repository.RegistryCopyRepository.HouseholdMember;
import org.communitypoints.points.service.HouseholdPassbookService;
import org.communitypoints.points.service.PassbookService;

/**
 * The household passbook (户积分存折), read-only: for the household's members, proxies holding PASSBOOK_READ from one
 * of them, and staff of its community. The household id is looked up in the caller's community only; whoever may not
 * read it gets the same 404 as for an unknown household, before any parameter is checked.
 */
@Path("/households/{householdId}")
@RolesAllowed({ Roles.RESIDENT, Roles.GRID_WORKER, Roles.STAFF })
public class HouseholdPointsResource {

    private final HouseholdPassbookService households;
    private final Caller caller;
    private final PointsConfig config;

    public HouseholdPointsResource(HouseholdPassbookService households, Caller caller, PointsConfig config) {
        this.households = households;
        this.caller = caller;
        this.config = config;
    }

    private List<HouseholdMember> readable(String householdId) {
        return households.requireReadable(caller.communityId(), householdId, caller.id(), caller.hasRole(Roles.STAFF));
    }

    @GET
    @Path("/passbook")
    @Produces(MediaType.APPLICATION_JSON)
    public HouseholdPassbookResponse passbook(@PathParam("householdId") String householdId,
            @QueryParam("limit") @DefaultValue("20") int limit, @QueryParam("cursor") String cursor,
            @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) {
        List<HouseholdMember> members = readable(householdId);
        HouseholdPassbookService.Household household = households.household(caller.communityId(), householdId,
                members);
        PassbookService.Page page = households.page(caller.communityId(), members, limit, cursor, from, to);
        Locale locale = ProblemMessages.localeFor(language);
        Map<String, String> names = names(members);
        return new HouseholdPassbookResponse(household.householdId(), household.name(),
                household.members().stream().map(m -> new HouseholdPassbookResponse.Member(m.memberId(),
                        m.displayName(), m.posted(), m.held(), m.available())).toList(),
                household.posted(), household.held(), household.available(),
                page.lines().stream().map(l -> new HouseholdPassbookResponse.Line(l.memberId(),
                        names.get(l.memberId()), PointsMapper.line(l, locale))).toList(),
                page.nextCursor());
    }

    @GET
    @Path("/passbook.csv")
    // A caller without the role gets 403 before any 406: platform-web's AccessBeforeNegotiation.
    @Produces(PassbookCsv.MEDIA_TYPE)
    public Response passbookCsv(@PathParam("householdId") String householdId, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) {
        List<HouseholdMember> members = readable(householdId);
        return PassbookCsv.household(households.all(caller.communityId(), members, from, to), names(members),
                config.zone(), ProblemMessages.localeFor(language), "户积分存折-" + householdId + ".csv");
    }

    private static Map<String, String> names(List<HouseholdMember> members) {
        return members.stream().collect(Collectors.toMap(HouseholdMember::memberId,
                HouseholdPassbookService::nameOf, (a, b) -> a));
    }
}
