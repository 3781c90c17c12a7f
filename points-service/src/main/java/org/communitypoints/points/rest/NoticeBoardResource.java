package org.communitypoints.points.rest;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Problem;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.platform.web.Roles;
import org.communitypoints.points.service.NoticeBoardService;

/**
 * The printable notice board (公示栏) of the caller's community for a sealed month. Residents of the community and its
 * staff may read it: publishing points to neighbours is what the board is for, and names are masked (李*梅), so a
 * neighbour checks a line they know without the board naming anyone to a stranger. Other communities' boards are not
 * reachable: the community comes from the token.
 */
@Path("/notice-board/{month}")
@RolesAllowed({ Roles.RESIDENT, Roles.STAFF })
public class NoticeBoardResource {

    private final NoticeBoardService boards;
    private final Caller caller;

    public NoticeBoardResource(NoticeBoardService boards, Caller caller) {
        this.boards = boards;
        this.caller = caller;
    }

    /** @param month {@code YYYY-MM} */
    @GET
    @Produces("text/html; charset=utf-8")
    public String board(@PathParam("month") String month, @Context UriInfo uri) {
        YearMonth parsed;
        try {
            parsed = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new ProblemException(400, "INVALID_PARAMETER", "Bad Request", "month must be YYYY-MM.",
                    List.of(new Problem.FieldError("month", "must be YYYY-MM")));
        }
        // The verifier's public address: behind the gateway the base URI carries its host and /api/points prefix.
        String verifyUrl = uri.getBaseUriBuilder().path(VerifierResource.class).build().toString();
        return NoticeBoardPage.render(boards.board(caller.communityId(), parsed), verifyUrl);
    }
}
