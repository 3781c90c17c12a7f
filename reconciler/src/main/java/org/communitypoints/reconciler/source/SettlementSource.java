package org.communitypoints.reconciler.source;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import org.communitypoints.reconciler.client.GatewayClient;
import org.communitypoints.reconciler.client.ServiceAccount;
import org.communitypoints.reconciler.model.PartnerSettlement;

/**
 * Adapter for catalog-service's partner settlement ({@code GET /api/catalog/partners/{id}/settlement}):
 * what the partner is owed, resident points and subsidy together, as the ledger's partner account
 * should have received.
 */
@ApplicationScoped
public class SettlementSource {

    static final String EXPORT = "catalog settlement";

    private final GatewayClient gateway;
    private final ServiceAccount account;

    public SettlementSource(@RestClient GatewayClient gateway, ServiceAccount account) {
        this.gateway = gateway;
        this.account = account;
    }

    /** A partner the catalog does not know is owed nothing there: any capture for it then shows as a mismatch. */
    public PartnerSettlement read(String partnerId, LocalDate from, LocalDate to) {
        JsonNode n = Pages.call(EXPORT, () -> {
            try {
                return gateway.settlement(account.authorization(), partnerId, from.toString(), to.toString());
            } catch (WebApplicationException e) {
                if (e.getResponse().getStatus() == 404) {
                    return null;
                }
                throw e;
            }
        }, true);
        return n == null ? new PartnerSettlement(partnerId, 0, 0) : toSettlement(partnerId, n);
    }

    static PartnerSettlement toSettlement(String partnerId, JsonNode n) {
        long points = Json.requiredNumber(EXPORT, n, "pointsCaptured");
        Long subsidy = Json.number(n, "subsidyCaptured");
        Long vouchers = Json.number(n, "vouchersFulfilled");
        return new PartnerSettlement(partnerId, points + (subsidy == null ? 0 : subsidy), vouchers == null ? 0 : vouchers);
    }
}
