package org.communitypoints.platform.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Exists only in these tests: one parameter of every type the shared converters handle. */
@Path("/params")
@Produces(MediaType.TEXT_PLAIN)
@PermitAll
public class ParamsResource {

    public enum Status {
        OPEN,
        FULL
    }

    @GET
    @Path("/boxed")
    public String boxed(@QueryParam("limit") Integer limit, @QueryParam("since") Long since,
            @QueryParam("upcoming") Boolean upcoming, @QueryParam("asOf") Instant asOf,
            @QueryParam("day") LocalDate day, @QueryParam("month") YearMonth month,
            @QueryParam("status") Status status, @HeaderParam("X-Request-Count") Integer count) {
        return limit + "|" + since + "|" + upcoming + "|" + asOf + "|" + day + "|" + month + "|" + status + "|" + count;
    }

    @GET
    @Path("/primitive")
    public String primitive(@QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("upcoming") @DefaultValue("false") boolean upcoming) {
        return limit + "|" + upcoming;
    }

    @GET
    @Path("/members/{memberId}")
    public String member(@PathParam("memberId") UUID memberId) {
        return memberId.toString();
    }
}
