package org.communitypoints.reconciler.source;

import java.time.LocalDate;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.contracts.export.PartnerSettlement;
import org.communitypoints.reconciler.client.CouldNotRunException;
import org.communitypoints.reconciler.client.ExportCalls;
import org.communitypoints.reconciler.client.GatewayClient;
import org.communitypoints.reconciler.model.SettlementTotal;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * catalog-service's partner settlement ({@code GET /api/catalog/partners/{id}/settlement}, a
 * {@link PartnerSettlement}): resident points and subsidy of the captured vouchers, which the ledger's partner
 * account must have received. The endpoint answers at most a year at a time, so the whole history is asked
 * for year by year.
 */
@ApplicationScoped
public class SettlementSource {

    static final String EXPORT = "catalog settlement";
    private static final int MAX_DAYS = 365;

    private final GatewayClient gateway;
    private final ExportCalls calls;

    public SettlementSource(@RestClient GatewayClient gateway, ExportCalls calls) {
        this.gateway = gateway;
        this.calls = calls;
    }

    /**
     * @return the settlement from {@code from} to {@code to}, both included; empty when the endpoint is
     *         not open to the reconciler (401/403). A partner the catalog does not know (404) is owed nothing.
     */
    public Optional<SettlementTotal> read(String communityId, String partnerId, LocalDate from, LocalDate to) {
        long points = 0;
        long vouchers = 0;
        for (LocalDate start = from; !start.isAfter(to); start = start.plusDays(MAX_DAYS)) {
            LocalDate end = start.plusDays(MAX_DAYS - 1).isBefore(to) ? start.plusDays(MAX_DAYS - 1) : to;
            String windowFrom = start.toString();
            String windowTo = end.toString();
            PartnerSettlement settlement;
            try {
                settlement = calls.call(EXPORT, () -> gateway.settlement(partnerId, communityId, windowFrom, windowTo));
            } catch (CouldNotRunException e) {
                if (e.httpStatus() == 401 || e.httpStatus() == 403) {
                    return Optional.empty();
                }
                if (e.httpStatus() == 404) {
                    continue;
                }
                throw e;
            }
            points += settlement.capturedValue();
            vouchers += settlement.vouchersFulfilled();
        }
        return Optional.of(new SettlementTotal(communityId, partnerId, points, vouchers, "settlement endpoint"));
    }
}
