package org.communitypoints.catalog.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
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

    /**
     * What a typed (or scanned) code is for, before the counter takes it: the voucher's own partner and community
     * staff read it; for any other partner's counter the code is "not found" (404 VOUCHER_NOT_FOUND), exactly as
     * when fulfilling, so nothing tells that it exists elsewhere.
     */
    @GET
    @Path("{code}")
    @RolesAllowed({ Roles.PARTNER, Roles.STAFF })
    public VoucherLookupResponse lookUp(@PathParam("code") String code) {
        String partner = caller.hasRole(Roles.STAFF) ? null : caller.partnerId();
        return RedemptionMapper.toResponse(redemptions.lookUp(caller.communityId(), partner, code));
    }

    /**
     * Works once, only at the voucher's own partner, only while the voucher is valid. The code is typed (or scanned)
     * from the resident's screen; the answer shows it masked like everywhere else.
     */
    @POST
    @Path("{code}/fulfil")
    @RolesAllowed(Roles.PARTNER)
    public CounterRedemptionResponse fulfil(@PathParam("code") String code) {
        return RedemptionMapper
                .toCounterResponse(redemptions.fulfil(caller.communityId(), caller.partnerId(), caller.id(), code));
    }
}
