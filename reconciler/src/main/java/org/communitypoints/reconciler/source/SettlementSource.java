package org.communitypoints.reconciler.source;

import java.time.LocalDate;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.communitypoints.reconciler.client.GatewayClient;
import org.communitypoints.reconciler.client.ServiceAccount;
import org.communitypoints.reconciler.model.PartnerSettlement;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Adapter for catalog-service's partner settlement ({@code GET /api/catalog/partners/{id}/settlement}):
 * resident points and subsidy of the captured vouchers, which the ledger's partner account must have
 * received. The endpoint answers at most a year at a time, so the whole history is asked for year by year.
 */
@ApplicationScoped
public class SettlementSource {

    static final String EXPORT = "catalog settlement";
    private static final int MAX_DAYS = 365;

    private final GatewayClient gateway;
    private final ServiceAccount account;

    public SettlementSource(@RestClient GatewayClient gateway, ServiceAccount account) {
        this.gateway = gateway;
        this.account = account;
    }

    /**
     * @return the settlement from {@code from} to {@code to}, both included; empty when the endpoint is
     *         not open to the reconciler (401/403). A partner the catalog does not know (404) is owed nothing.
     */
    public Optional<PartnerSettlement> read(String communityId, String partnerId, LocalDate from, LocalDate to) {
        long points = 0;
        long vouchers = 0;
        for (LocalDate start = from; !start.isAfter(to); start = start.plusDays(MAX_DAYS)) {
            LocalDate end = start.plusDays(MAX_DAYS - 1).isBefore(to) ? start.plusDays(MAX_DAYS - 1) : to;
            String windowFrom = start.toString();
            String windowTo = end.toString();
            JsonNode n;
            try {
                n = Pages.call(EXPORT, () -> gateway.settlement(account.authorization(), partnerId, communityId,
                        windowFrom, windowTo));
            } catch (org.communitypoints.reconciler.client.CouldNotRunException e) {
                int status = e.getCause() instanceof WebApplicationException w ? w.getResponse().getStatus() : 0;
                if (status == 401 || status == 403) {
                    return Optional.empty();
                }
                if (status == 404) {
                    continue;
                }
                throw e;
            }
            points += Json.requiredNumber(EXPORT, n, "pointsCaptured") + orZero(Json.number(n, "subsidyCaptured"));
            vouchers += orZero(Json.number(n, "vouchersFulfilled"));
        }
        return Optional.of(new PartnerSettlement(communityId, partnerId, points, vouchers, "settlement endpoint"));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
