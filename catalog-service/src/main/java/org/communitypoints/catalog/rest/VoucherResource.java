package org.communitypoints.catalog.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.communitypoints.catalog.service.RedemptionService;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Roles;

/** The counter: a partner's staff take a voucher by its code. */
@Path("/vouchers")
public class VoucherResource {

    private final RedemptionService redemptions;
    private final Caller caller;

    public VoucherResource(RedemptionService redemptions, Caller caller) {
        this.redemptions = redemptions;
        this.caller = caller;
    }

    /** Works once, only at the voucher's own partner, only while the voucher is valid. */
    @POST
    @Path("{code}/fulfil")
    @RolesAllowed(Roles.PARTNER)
    public RedemptionResponse fulfil(@PathParam("code") String code) {
        return RedemptionMapper.toResponse(redemptions.fulfil(caller.communityId(), caller.partnerId(), caller.id(), code));
    }
}
