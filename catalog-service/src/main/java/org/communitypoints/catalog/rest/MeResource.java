package org.communitypoints.catalog.rest;

import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;

import org.communitypoints.catalog.domain.VoucherState;
import org.communitypoints.catalog.service.EligibilityService;
import org.communitypoints.catalog.service.RedemptionService;
import org.communitypoints.contracts.events.ProxyChanged.Scope;
import org.communitypoints.platform.data.membership.Acting;
import org.communitypoints.platform.data.membership.ActsOnBehalf;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Roles;

/**
 * The calling resident's own redemptions and vouchers (or, with On-Behalf-Of and a REDEEM grant, the resident's a proxy acts
 * for).
 */
@Path("/me")
@RolesAllowed(Roles.RESIDENT)
public class MeResource {

    private final RedemptionService redemptions;
    private final EligibilityService eligibility;
    private final Caller caller;
    private final Acting acting;

    public MeResource(RedemptionService redemptions, EligibilityService eligibility, Caller caller, Acting acting) {
        this.redemptions = redemptions;
        this.eligibility = eligibility;
        this.caller = caller;
        this.acting = acting;
    }

    /** For the "My home" screen: {@code state=ACTIVE} lists the vouchers that can be shown at a counter now. */
    @GET
    @Path("vouchers")
    @RolesAllowed({ Roles.RESIDENT, Roles.GRID_WORKER })
    @ActsOnBehalf(Scope.REDEEM)
    public List<MyVoucherResponse> vouchers(@QueryParam("state") VoucherState state) {
        return redemptions.vouchersOf(caller.communityId(), acting.memberId(), state)
                .stream().map(RedemptionMapper::toResponse).toList();
    }

    @GET
    @Path("redemptions")
    @RolesAllowed({ Roles.RESIDENT, Roles.GRID_WORKER })
    @ActsOnBehalf(Scope.REDEEM)
    public List<RedemptionResponse> redemptions(@Context HttpHeaders headers) {
        Locale locale = RedemptionResource.locale(headers);
        return redemptions.ofMember(caller.communityId(), acting.memberId()).stream()
                .map(r -> RedemptionMapper.toResponse(r, locale)).toList();
    }

    @GET
    @Path("eligibility")
    public EligibilityResponse eligibility() {
        return CatalogMapper.toResponse(eligibility.own(caller.communityId(), caller.id()));
    }
}
