package org.communitypoints.catalog.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.communitypoints.catalog.domain.VoucherState;
import org.communitypoints.catalog.service.EligibilityService;
import org.communitypoints.catalog.service.RedemptionService;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Roles;

/** The calling resident's own redemptions and vouchers. */
@Path("/me")
@RolesAllowed(Roles.RESIDENT)
public class MeResource {

    private final RedemptionService redemptions;
    private final EligibilityService eligibility;
    private final Caller caller;

    public MeResource(RedemptionService redemptions, EligibilityService eligibility, Caller caller) {
        this.redemptions = redemptions;
        this.eligibility = eligibility;
        this.caller = caller;
    }

    /** For the "My home" screen: {@code state=ACTIVE} lists the vouchers that can be shown at a counter now. */
    @GET
    @Path("vouchers")
    public List<MyVoucherResponse> vouchers(@QueryParam("state") VoucherState state) {
        return redemptions.vouchersOf(caller.communityId(), caller.id(), state)
                .stream().map(RedemptionMapper::toResponse).toList();
    }

    @GET
    @Path("redemptions")
    public List<RedemptionResponse> redemptions() {
        return redemptions.ofMember(caller.communityId(), caller.id()).stream().map(RedemptionMapper::toResponse).toList();
    }

    @GET
    @Path("eligibility")
    public EligibilityResponse eligibility() {
        return CatalogMapper.toResponse(eligibility.of(caller.communityId(), caller.id()));
    }
}
