package org.communitypoints.reconciler.source;

import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.contracts.export.JournalEntry;
import org.communitypoints.reconciler.client.ExportCalls;
import org.communitypoints.reconciler.client.GatewayClient;
import org.communitypoints.reconciler.config.ReconcilerConfig;
import org.communitypoints.reconciler.model.AccountType;
import org.communitypoints.reconciler.model.LedgerPosting;
import org.communitypoints.reconciler.model.Movement;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * points-service's journal export ({@code GET /api/points/exports/journal}, pages of {@link JournalEntry}):
 * postings in export order (writing transaction, then sequence), so a transaction's legs arrive together.
 */
@ApplicationScoped
public class JournalSource {

    static final String EXPORT = "points journal";

    private final GatewayClient gateway;
    private final ExportCalls calls;
    private final int pageSize;

    public JournalSource(@RestClient GatewayClient gateway, ExportCalls calls, ReconcilerConfig config) {
        this.gateway = gateway;
        this.calls = calls;
        this.pageSize = config.journalPageSize();
    }

    /** Feeds every posting after {@code after}; returns the cursor to resume from. */
    public String read(String after, Consumer<LedgerPosting> sink) {
        return ExportPages.readAll(calls, EXPORT, after, cursor -> gateway.journal(cursor, pageSize),
                entry -> sink.accept(toPosting(entry)));
    }

    static LedgerPosting toPosting(JournalEntry e) {
        UUID transactionId = ExportPages.required(EXPORT, "transactionId", e.transactionId());
        return new LedgerPosting(e.sequence(), transactionId.toString(), movement(e), e.causeId(),
                e.reversedTransactionId().map(UUID::toString).orElse(null), Long.toString(e.accountId()), e.ownerId(),
                accountType(e.accountType()), e.communityId(), e.amount(), e.pending(), e.postedAt(), e.actor(),
                e.approvedBy());
    }

    private static Movement movement(JournalEntry e) {
        return switch (ExportPages.required(EXPORT, "kind", e.kind())) {
            case SHIFT_CREDIT -> Movement.SHIFT_CREDIT;
            case SHIFT_CORRECTION -> Movement.SHIFT_CORRECTION;
            case HOLD -> Movement.HOLD;
            case CAPTURE -> Movement.CAPTURE;
            case RELEASE -> Movement.RELEASE;
            case REVERSAL -> Movement.REVERSAL;
            case EXPIRY -> Movement.EXPIRY;
            case ADJUSTMENT -> Movement.ADJUSTMENT;
            case POOL_FUNDING -> Movement.POOL_FUNDING;
            case EXPIRY_DONATION, UNKNOWN -> Movement.OTHER;
        };
    }

    /** The ledger's REDEMPTION account is the partner's: what residents and the pool paid it. */
    static AccountType accountType(org.communitypoints.contracts.export.AccountType type) {
        if (type == null) {
            return AccountType.OTHER;
        }
        return switch (type) {
            case RESIDENT -> AccountType.RESIDENT;
            case REDEMPTION -> AccountType.PARTNER;
            case ISSUANCE, SUBSIDY_POOL, EXPIRY, UNKNOWN -> AccountType.OTHER;
        };
    }
}
