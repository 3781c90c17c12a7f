package org.communitypoints.activity.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.communitypoints.activity.rest.KindRequests.CreateKind;
import org.communitypoints.activity.rest.KindRequests.NewRule;
import org.communitypoints.activity.rest.KindViews.Kind;
import org.communitypoints.activity.rest.KindViews.Rule;
import org.communitypoints.activity.service.KindService;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.web.Roles;

@Path("/kinds")
public class KindResource {

    private final KindService kinds;

    public KindResource(KindService kinds) {
        this.kinds = kinds;
    }

    @POST
    @RolesAllowed(Roles.STAFF)
    public Response create(@Valid @NotNull CreateKind request, @HeaderParam(IdempotentRequests.HEADER) String key) {
        return Answers.of(Status.CREATED, kinds.create(request, key));
    }

    @GET
    @RolesAllowed({ Roles.STAFF, Roles.GRID_WORKER, Roles.RESIDENT })
    public List<Kind> list() {
        return kinds.list();
    }

    @GET
    @Path("/{kindId}/rules")
    @RolesAllowed({ Roles.STAFF, Roles.GRID_WORKER })
    public List<Rule> rules(@PathParam("kindId") UUID kindId) {
        return kinds.rules(kindId);
    }

    @POST
    @Path("/{kindId}/rules")
    @RolesAllowed(Roles.STAFF)
    public Response addRule(@PathParam("kindId") UUID kindId, @Valid @NotNull NewRule request,
            @HeaderParam(IdempotentRequests.HEADER) String key) {
        return Answers.of(Status.CREATED, kinds.addRule(kindId, request, key));
    }
}
