package org.communitypoints.catalog.rest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.communitypoints.catalog.domain.VoucherState;
import org.communitypoints.catalog.service.CatalogService;
import org.communitypoints.catalog.service.RedemptionService;
import org.communitypoints.catalog.service.SettlementService;
import org.communitypoints.contracts.export.PartnerSettlement;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.platform.web.Roles;

@Path("/partners")
public class PartnerResource {

    static final String CSV = "text/csv";

    private final CatalogService catalog;
    private final SettlementService settlements;
    private final RedemptionService redemptions;
    private final Caller caller;

    public PartnerResource(CatalogService catalog, SettlementService settlements, RedemptionService redemptions,
            Caller caller) {
        this.catalog = catalog;
        this.settlements = settlements;
        this.redemptions = redemptions;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.STAFF)
    public Response add(@Valid @NotNull PartnerRequest request) {
        PartnerResponse partner = CatalogMapper
                .toResponse(catalog.addPartner(caller.communityId(), CatalogMapper.toCommand(request)));
        return Response.created(URI.create("partners/" + partner.id())).entity(partner).build();
    }

    @GET
    @RolesAllowed({ Roles.RESIDENT, Roles.STAFF, Roles.PARTNER })
    public List<PartnerResponse> list() {
        return catalog.partners(caller.communityId()).stream().map(CatalogMapper::toResponse).toList();
    }

    /**
     * Vouchers the partner took in the period, with points captured and subsidy used. The reconciler
     * (a service account without a community) names the community with {@code communityId}.
     */
    @GET
    @Path("{partnerId}/settlement")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.STAFF, Roles.PARTNER, Roles.RECONCILER })
    public PartnerSettlement settlement(@PathParam("partnerId") String partnerId, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to, @QueryParam("communityId") String communityId) {
        if (isReconciler()) {
            if (communityId == null || communityId.isBlank()) {
                throw ProblemException.badRequest("COMMUNITY_REQUIRED",
                        "Name the community of the partner with the communityId parameter.");
            }
            return settlements.settlement(communityId, partnerId, from, to);
        }
        requireOwnPartner(partnerId);
        return settlements.settlement(caller.communityId(), partnerId, from, to);
    }

    @GET
    @Path("{partnerId}/settlement")
    @Produces(CSV)
    @RolesAllowed({ Roles.STAFF, Roles.PARTNER, Roles.RECONCILER })
    public Response settlementCsv(@PathParam("partnerId") String partnerId, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to, @QueryParam("communityId") String communityId) {
        PartnerSettlement settlement = settlement(partnerId, from, to, communityId);
        return Response.ok(SettlementMapper.csv(settlement).getBytes(StandardCharsets.UTF_8))
                .type(CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"settlement-" + partnerId + "-" + settlement.from()
                        + "-" + settlement.to() + ".csv\"")
                .build();
    }

    @GET
    @Path("{partnerId}/settlement.csv")
    @Produces(CSV)
    @RolesAllowed({ Roles.STAFF, Roles.PARTNER, Roles.RECONCILER })
    public Response settlementCsvFile(@PathParam("partnerId") String partnerId, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to, @QueryParam("communityId") String communityId) {
        return settlementCsv(partnerId, from, to, communityId);
    }

    /** The partner's vouchers ({@code state} ACTIVE, USED, CANCELLED or EXPIRED); codes not yet used are masked. */
    @GET
    @Path("{partnerId}/vouchers")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.STAFF, Roles.PARTNER })
    public List<PartnerVoucherResponse> vouchers(@PathParam("partnerId") String partnerId,
            @QueryParam("state") VoucherState state,
            @QueryParam("limit") Integer limit) {
        requireOwnPartner(partnerId);
        catalog.requirePartnerOf(caller.communityId(), partnerId);
        int max = limit == null ? 200 : Math.max(1, Math.min(limit, 1000));
        return redemptions.vouchersOfPartner(caller.communityId(), partnerId,
                state, max).stream().map(RedemptionMapper::toResponse).toList();
    }

    /** The batch reconciler reads every community's settlements; it holds no other role. */
    private boolean isReconciler() {
        return caller.hasRole(Roles.RECONCILER) && !caller.hasRole(Roles.STAFF) && !caller.hasRole(Roles.PARTNER);
    }

    /** Community staff see every partner of their community; a partner's staff only their own. */
    private void requireOwnPartner(String partnerId) {
        if (!caller.hasRole(Roles.STAFF) && !caller.partnerId().equals(partnerId)) {
            throw ProblemException.forbidden("NOT_YOUR_PARTNER",
                    "You can only see your own partner's vouchers and settlement.");
        }
    }
}
