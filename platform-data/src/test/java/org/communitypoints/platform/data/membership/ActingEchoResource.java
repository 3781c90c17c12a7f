package org.communitypoints.platform.data.membership;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.communitypoints.contracts.events.ProxyChanged.Scope;

/** Exists only in these tests: tells whom a request acts for, as a service's sign-up would record it. */
@Path("/acting")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "resident", "grid-worker" })
public class ActingEchoResource {

    private final Acting acting;

    public ActingEchoResource(Acting acting) {
        this.acting = acting;
    }

    public record Act(String memberId, String actedBy) {
    }

    @POST
    @Path("/sign-up")
    @ActsOnBehalf(Scope.SIGN_UP)
    public Act signUp() {
        return new Act(acting.memberId(), acting.actedBy());
    }

    @POST
    @Path("/check-in")
    public Act checkIn() {
        return new Act(acting.memberId(), acting.actedBy());
    }
}
