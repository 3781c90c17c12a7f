package org.communitypoints.reconciler.source;

import java.time.Instant;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.contracts.export.BalanceExport;
import org.communitypoints.contracts.export.BalanceRow;
import org.communitypoints.reconciler.client.ExportCalls;
import org.communitypoints.reconciler.client.GatewayClient;
import org.communitypoints.reconciler.model.AccountBalance;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * points-service's balance export ({@code GET /api/points/exports/balances}, a {@link BalanceExport}): every
 * account of one community as of a moment, not paged, so it is asked one community at a time.
 */
@ApplicationScoped
public class BalanceSource {

    static final String EXPORT = "points balances";

    private final GatewayClient gateway;
    private final ExportCalls calls;

    public BalanceSource(@RestClient GatewayClient gateway, ExportCalls calls) {
        this.gateway = gateway;
        this.calls = calls;
    }

    /** @param asOf the time of the last posting read, so both sides cover the same postings */
    public void read(Instant asOf, String communityId, Consumer<AccountBalance> sink) {
        String at = asOf == null ? null : asOf.toString();
        BalanceExport export = calls.call(EXPORT, () -> gateway.balances(at, communityId));
        export.balances().forEach(row -> sink.accept(toBalance(row)));
    }

    static AccountBalance toBalance(BalanceRow row) {
        AccountBalance.StoredRow stored = row.storedPosted() == null || row.storedPending() == null ? null
                : new AccountBalance.StoredRow(row.storedPosted(), row.storedPending(), row.totalPosted(),
                        row.totalPending());
        return new AccountBalance(Long.toString(row.accountId()), row.ownerId(), JournalSource.accountType(row.accountType()),
                row.communityId(), row.posted(), row.pending(), stored);
    }
}
