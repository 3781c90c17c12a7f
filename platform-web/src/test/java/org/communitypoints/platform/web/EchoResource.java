package org.communitypoints.platform.web;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A resource that exists only in these tests, to drive every kind of failure through the mappers. */
@Path("/echo")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EchoResource {

    private final Caller caller;

    public EchoResource(Caller caller) {
        this.caller = caller;
    }

    public record Item(@NotBlank String name, @Min(1) int quantity) {
    }

    public record Order(@NotBlank String title, @NotNull @Min(1) Integer seats, List<@Valid Item> items) {
    }

    @POST
    @RolesAllowed("resident")
    public Order echo(@Valid @NotNull Order order) {
        return order;
    }

    @POST
    @Path("/things")
    @PermitAll
    public jakarta.ws.rs.core.Response create() {
        return jakarta.ws.rs.core.Response.created(java.net.URI.create("echo/things/1")).build();
    }

    @GET
    @Path("/refusal")
    @PermitAll
    public String refusal() {
        throw ProblemException.conflict("CAPACITY_FULL", "This activity is full.");
    }

    @GET
    @Path("/seats")
    @PermitAll
    public String seats(@jakarta.ws.rs.QueryParam("left") Integer left) {
        if (left != null && left == 0) {
            throw ProblemException.conflict("SEATS_LEFT", "Tea art is full.").withMessage("SEATS_LEFT.none", "茶艺");
        }
        throw ProblemException.conflict("SEATS_LEFT", "Only 2 seats are left.").withArgs(2, "茶艺");
    }

    @GET
    @Path("/crash")
    @PermitAll
    public String crash() {
        throw new IllegalStateException("org.secret.InternalThing exploded");
    }

    @GET
    @Path("/staff-only")
    @RolesAllowed("staff")
    public String staffOnly() {
        return "ok";
    }

    @GET
    @Path("/communities/{communityId}")
    @RolesAllowed({ "resident", "staff" })
    public String community(@PathParam("communityId") String communityId) {
        caller.requireCommunity(communityId);
        return caller.communityId();
    }

    /**
     * Whether quarkus-oidc's authentication mechanism read this request's token: it marks every request it reads
     * with the tenant it resolved ({@code OidcUtils.TENANT_ID_ATTRIBUTE}).
     */
    @GET
    @Path("/read-by-oidc")
    @RolesAllowed({ "resident", "staff" })
    public boolean readByOidc(@jakarta.ws.rs.core.Context io.vertx.ext.web.RoutingContext request) {
        return request.get("tenant-id") != null;
    }
}
