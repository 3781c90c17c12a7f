package org.communitypoints.platform.web;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Exists only in these tests: a body with a field of every scalar type a request record uses, and text parameters. */
@Path("/scalars")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScalarsResource {

    public enum Kind {
        EARN,
        SPEND
    }

    public record Scalars(int count, long total, Integer seats, Long points, Kind kind, Boolean upcoming, String note,
            List<String> tags) {
    }

    @POST
    public Scalars echo(Scalars scalars) {
        return scalars;
    }

    @GET
    @Path("/{name}")
    @Produces(MediaType.TEXT_PLAIN)
    public String search(@PathParam("name") String name, @QueryParam("q") String q, @HeaderParam("X-Note") String note) {
        return name + "|" + q + "|" + note;
    }
}
