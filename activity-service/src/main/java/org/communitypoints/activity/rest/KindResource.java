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
    public Response create(@Valid @NotNull CreateKindRequest request, @HeaderParam(IdempotentRequests.HEADER) String key) {
        return ReplyMapper.reply(Status.CREATED, kinds.create(request.toCommand(), key), KindMapper::toResponse);
    }

    @GET
    @RolesAllowed({ Roles.STAFF, Roles.GRID_WORKER, Roles.RESIDENT })
    public List<KindResponse> list() {
        return kinds.list().stream().map(KindMapper::toResponse).toList();
    }

    @GET
    @Path("/{kindId}/rules")
    @RolesAllowed({ Roles.STAFF, Roles.GRID_WORKER })
    public List<RuleResponse> rules(@PathParam("kindId") UUID kindId) {
        return kinds.rules(kindId).stream().map(KindMapper::toResponse).toList();
    }

    @POST
    @Path("/{kindId}/rules")
    @RolesAllowed(Roles.STAFF)
    public Response addRule(@PathParam("kindId") UUID kindId, @Valid @NotNull NewRuleRequest request,
            @HeaderParam(IdempotentRequests.HEADER) String key) {
        return ReplyMapper.reply(Status.CREATED, kinds.addRule(kindId, request.toCommand(), key),
                KindMapper::toResponse);
    }
}
