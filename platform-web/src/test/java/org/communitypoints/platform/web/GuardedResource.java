package org.communitypoints.platform.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Exists only in these tests: staff-only endpoints a caller without the role sends broken requests to. */
@Path("/guarded")
@RolesAllowed("staff")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GuardedResource {

    @POST
    public EchoResource.Order create(@Valid @NotNull EchoResource.Order order, @QueryParam("limit") Integer limit) {
        return order;
    }

    @GET
    @Path("/{day}")
    public String read(@PathParam("day") java.time.LocalDate day, @QueryParam("limit") Integer limit,
            @QueryParam("q") String q) {
        return "{\"day\":\"" + day + "\"}";
    }
}
