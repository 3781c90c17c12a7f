package org.communitypoints.community.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.communitypoints.community.domain.CategoryTag;
import org.communitypoints.community.service.HouseholdService;
import org.communitypoints.contracts.events.HouseholdCategory;
import org.communitypoints.platform.data.ExportCursor;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.IdempotentRequests.Outcome;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Roles;

/**
 * Households of the caller's community. Staff and grid workers open and rename them; only staff tag means-tested
 * categories and read their evidence, and never for their own household (403 SELF_ELIGIBILITY_FORBIDDEN).
 */
@Path("/households")
@RolesAllowed({ Roles.STAFF, Roles.GRID_WORKER })
public class HouseholdResource {

    private final HouseholdService households;
    private final Caller caller;

    public HouseholdResource(HouseholdService households, Caller caller) {
        this.households = households;
        this.caller = caller;
    }

    /** Opens a household. Needs an Idempotency-Key. */
    @POST
    public Response open(@HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull HouseholdRequest request) {
        Outcome<HouseholdResponse> outcome = RegistryMapper.map(households.open(caller.communityId(), caller.id(),
                idempotencyKey, new HouseholdService.NewHousehold(request.name())), RegistryMapper::toResponse);
        return outcome.toResponse(Status.CREATED, URI.create("households/" + outcome.value().id()));
    }

    @GET
    public List<HouseholdResponse> list(@QueryParam("limit") Integer limit) {
        return households.list(caller.communityId(), isStaff(), ExportCursor.pageSize(limit, 500, 2000)).stream()
                .map(RegistryMapper::toResponse).toList();
    }

    @GET
    @Path("{householdId}")
    public HouseholdResponse get(@PathParam("householdId") @Pattern(regexp = Ids.HOUSEHOLD_ID) String householdId) {
        return RegistryMapper.toResponse(households.get(caller.communityId(), householdId, isStaff()));
    }

    @PUT
    @Path("{householdId}")
    public HouseholdResponse rename(@PathParam("householdId") @Pattern(regexp = Ids.HOUSEHOLD_ID) String householdId,
            @Valid @NotNull HouseholdRequest request) {
        return RegistryMapper.toResponse(households.rename(caller.communityId(), caller.id(), householdId, request.name()));
    }

    /** Records (or replaces the dates and evidence of) a category: DIBAO, DISABILITY, LEFT_BEHIND_CHILD, ELDERLY_ALONE. */
    @PUT
    @Path("{householdId}/categories/{code}")
    @RolesAllowed(Roles.STAFF)
    public HouseholdResponse tag(@PathParam("householdId") @Pattern(regexp = Ids.HOUSEHOLD_ID) String householdId,
            @PathParam("code") HouseholdCategory code, @Valid @NotNull CategoryRequest request) {
        return RegistryMapper.toResponse(households.tag(caller.communityId(), caller.id(), householdId, code,
                new CategoryTag.Tagging(request.validFrom(), request.validUntil(), request.evidenceNote().strip())));
    }

    @DELETE
    @Path("{householdId}/categories/{code}")
    @RolesAllowed(Roles.STAFF)
    public HouseholdResponse untag(@PathParam("householdId") @Pattern(regexp = Ids.HOUSEHOLD_ID) String householdId,
            @PathParam("code") HouseholdCategory code) {
        return RegistryMapper.toResponse(households.untag(caller.communityId(), caller.id(), householdId, code));
    }

    private boolean isStaff() {
        return caller.hasRole(Roles.STAFF);
    }
}
