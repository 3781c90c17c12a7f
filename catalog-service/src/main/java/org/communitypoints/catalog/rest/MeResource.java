package org.communitypoints.catalog.rest;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;

import org.communitypoints.catalog.domain.VoucherState;
import org.communitypoints.catalog.repository.RedemptionRepository;
import org.communitypoints.catalog.service.EligibilityService;
import org.communitypoints.catalog.service.RedemptionService;
import org.communitypoints.contracts.events.ProxyChanged.Scope;
import org.communitypoints.platform.data.ExportCursor;
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

    /**
     * The resident's redemptions, newest first, {@code limit} at a time (1 to 500; 500 by default, the list clients got
     * before there were pages). The next page: {@code before=} the id of the last one shown; a page shorter than its limit is
     * the last: a phone on a weak network asks for 20 at a time instead of the whole history at once.
     */
    @GET
    @Path("redemptions")
    @RolesAllowed({ Roles.RESIDENT, Roles.GRID_WORKER })
    @ActsOnBehalf(Scope.REDEEM)
    public List<RedemptionResponse> redemptions(@QueryParam("limit") Integer limit, @QueryParam("before") UUID before,
            @Context HttpHeaders headers) {
        int size = ExportCursor.pageSize(limit, RedemptionRepository.MEMBER_LIST, RedemptionRepository.MEMBER_LIST);
        Locale locale = RedemptionResource.locale(headers);
        return redemptions.ofMember(caller.communityId(), acting.memberId(), before, size).stream()
                .map(r -> RedemptionMapper.toResponse(r, locale)).toList();
    }

    @GET
    @Path("eligibility")
    public EligibilityResponse eligibility() {
        return CatalogMapper.toResponse(eligibility.own(caller.communityId(), caller.id()));
    }
}
