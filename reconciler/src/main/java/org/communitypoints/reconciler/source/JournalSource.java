package org.communitypoints.reconciler.source;

import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import org.communitypoints.reconciler.client.GatewayClient;
import org.communitypoints.reconciler.client.ServiceAccount;
import org.communitypoints.reconciler.config.ReconcilerConfig;
import org.communitypoints.reconciler.model.AccountType;
import org.communitypoints.reconciler.model.LedgerPosting;
import org.communitypoints.reconciler.model.Movement;

/**
 * Adapter for points-service's journal export ({@code GET /api/points/exports/journal}): postings in
 * export order (writing transaction, then sequence), so a transaction's legs arrive together.
 */
@ApplicationScoped
public class JournalSource {

    static final String EXPORT = "points journal";

    private final GatewayClient gateway;
    private final ServiceAccount account;
    private final int pageSize;

    public JournalSource(@RestClient GatewayClient gateway, ServiceAccount account, ReconcilerConfig config) {
        this.gateway = gateway;
        this.account = account;
        this.pageSize = config.pageSize();
    }

    /** Feeds every posting after {@code after}; returns the cursor to resume from. */
    public String read(String after, Consumer<LedgerPosting> sink) {
        return Pages.readAll(EXPORT, after, cursor -> gateway.journal(account.authorization(), cursor, pageSize),
                node -> sink.accept(toPosting(node)));
    }

    static LedgerPosting toPosting(JsonNode n) {
        return new LedgerPosting(
                Json.requiredNumber(EXPORT, n, "sequence", "seq"),
                Json.requiredText(EXPORT, n, "transactionId"),
                movement(Json.text(n, "kind")),
                Json.text(n, "causeId"),
                Json.requiredText(EXPORT, n, "accountId"),
                Json.text(n, "ownerId", "owner"),
                accountType(Json.text(n, "accountType", "type")),
                Json.text(n, "communityId"),
                Json.requiredNumber(EXPORT, n, "amount"),
                n.path("pending").asBoolean(false),
                Json.instant(n, "postedAt"));
    }

    private static Movement movement(String kind) {
        if (kind == null) {
            return Movement.OTHER;
        }
        return switch (kind) {
            case "SHIFT_CREDIT" -> Movement.SHIFT_CREDIT;
            case "SHIFT_CORRECTION" -> Movement.SHIFT_CORRECTION;
            case "HOLD" -> Movement.HOLD;
            case "CAPTURE" -> Movement.CAPTURE;
            case "RELEASE" -> Movement.RELEASE;
            default -> Movement.OTHER;
        };
    }

    /** The ledger's REDEMPTION account is the partner's: what residents and the pool paid it. */
    static AccountType accountType(String type) {
        if ("RESIDENT".equals(type)) {
            return AccountType.RESIDENT;
        }
        return "REDEMPTION".equals(type) || "PARTNER".equals(type) ? AccountType.PARTNER : AccountType.OTHER;
    }
}
