package org.communitypoints.reconciler.source;

import java.time.Instant;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.reconciler.client.GatewayClient;
import org.communitypoints.reconciler.client.ServiceAccount;
import org.communitypoints.reconciler.config.ReconcilerConfig;
import org.communitypoints.reconciler.model.AccountBalance;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Adapter for points-service's balance export ({@code GET /api/points/exports/balances?asOf=&communityId=}):
 * every account's posted and pending sums as of a moment. The export is not paged, so it is asked one
 * community at a time: one answer then holds one community's accounts, not the whole country's. Accepts
 * a plain list or cursor pages.
 */
@ApplicationScoped
public class BalanceSource {

    static final String EXPORT = "points balances";

    private final GatewayClient gateway;
    private final ServiceAccount account;
    private final int pageSize;

    public BalanceSource(@RestClient GatewayClient gateway, ServiceAccount account, ReconcilerConfig config) {
        this.gateway = gateway;
        this.account = account;
        this.pageSize = config.pageSize();
    }

    /** @param asOf the time of the last posting read, so both sides cover the same postings */
    public void read(Instant asOf, String communityId, Consumer<AccountBalance> sink) {
        String at = asOf == null ? null : asOf.toString();
        Pages.readAll(EXPORT, null, cursor -> gateway.balances(account.authorization(), at, communityId, cursor, pageSize),
                Pages.trees(node -> sink.accept(toBalance(node))), false);
    }

    static AccountBalance toBalance(JsonNode n) {
        Long pending = Json.number(n, "pending");
        if (pending == null) {
            Long held = Json.number(n, "held");
            pending = held == null ? 0 : -held;
        }
        return new AccountBalance(
                Json.requiredText(EXPORT, n, "accountId"),
                Json.text(n, "ownerId", "owner"),
                JournalSource.accountType(Json.text(n, "accountType", "type")),
                Json.text(n, "communityId"),
                Json.requiredNumber(EXPORT, n, "posted", "balance"),
                pending,
                storedRow(n));
    }

    private static AccountBalance.StoredRow storedRow(JsonNode n) {
        Long posted = Json.number(n, "storedPosted");
        Long pending = Json.number(n, "storedPending");
        Long totalPosted = Json.number(n, "totalPosted");
        Long totalPending = Json.number(n, "totalPending");
        if (posted == null || pending == null || totalPosted == null || totalPending == null) {
            return null;
        }
        return new AccountBalance.StoredRow(posted, pending, totalPosted, totalPending);
    }
}
