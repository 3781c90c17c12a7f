package org.communitypoints.reconciler.source;

import java.time.Instant;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.reconciler.client.CouldNotRunException;
import org.communitypoints.reconciler.client.GatewayClient;
import org.communitypoints.reconciler.client.ServiceAccount;
import org.communitypoints.reconciler.config.ReconcilerConfig;
import org.communitypoints.reconciler.model.Redemption;
import org.communitypoints.reconciler.model.RedemptionState;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Adapter for catalog-service's redemption export ({@code GET /api/catalog/exports/redemptions}): each
 * redemption again whenever it changes, in change order, with its state history.
 */
@ApplicationScoped
public class RedemptionSource {

    static final String EXPORT = "catalog redemptions";

    private final GatewayClient gateway;
    private final ServiceAccount account;
    private final int pageSize;

    public RedemptionSource(@RestClient GatewayClient gateway, ServiceAccount account, ReconcilerConfig config) {
        this.gateway = gateway;
        this.account = account;
        this.pageSize = config.pageSize();
    }

    public String read(String after, Consumer<Redemption> sink) {
        return Pages.readAll(EXPORT, after, cursor -> gateway.redemptions(account.authorization(), cursor, pageSize),
                Pages.trees(node -> sink.accept(toRedemption(node))));
    }

    static Redemption toRedemption(JsonNode n) {
        return new Redemption(
                Json.requiredText(EXPORT, n, "id", "redemptionId"),
                Json.text(n, "memberId"),
                Json.text(n, "partnerId"),
                Json.text(n, "communityId"),
                state(Json.requiredText(EXPORT, n, "state")),
                Json.requiredNumber(EXPORT, n, "points"),
                Json.number(n, "subsidyPoints") == null ? 0 : Json.number(n, "subsidyPoints"),
                Json.instant(n, "holdExpiresAt", "expiresAt"),
                stateSince(n),
                "CAPTURED".equals(Json.text(n, "state")));
    }

    /**
     * The catalog's saga states, as the ledger sees them: CONFIRMED means points held; FULFILLED,
     * CAPTURED and CAPTURE_FAILED all mean the voucher was used, so the ledger must hold exactly one
     * capture (CAPTURE_FAILED is then reported as an uncaptured fulfilment, which it is).
     */
    static RedemptionState state(String state) {
        return switch (state) {
            case "PENDING" -> RedemptionState.PENDING;
            case "CONFIRMED", "HELD" -> RedemptionState.HELD;
            case "FULFILLED", "CAPTURED", "CAPTURE_FAILED" -> RedemptionState.FULFILLED;
            case "CANCELLED" -> RedemptionState.CANCELLED;
            case "REJECTED" -> RedemptionState.REJECTED;
            case "EXPIRED" -> RedemptionState.EXPIRED;
            default -> throw new CouldNotRunException("the " + EXPORT + " export sent an unknown state " + state);
        };
    }

    /** When the redemption entered its state: the newest history entry, else the fulfilment or creation time. */
    private static Instant stateSince(JsonNode n) {
        Instant latest = null;
        for (JsonNode change : n.path("history")) {
            Instant at = Json.instant(change, "at");
            if (at != null && (latest == null || at.isAfter(latest))) {
                latest = at;
            }
        }
        if (latest != null) {
            return latest;
        }
        Instant fulfilled = Json.instant(n, "fulfilledAt");
        return fulfilled != null ? fulfilled : Json.instant(n, "createdAt");
    }
}
