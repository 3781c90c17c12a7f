package org.communitypoints.points.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.communitypoints.points.domain.AccountType;
import org.communitypoints.points.domain.TransactionKind;

/** The request and response bodies of the points API. */
public final class Dto {

    private Dto() {
    }

    public record BalanceResponse(String communityId, String memberId, long posted, long held, long available,
            Instant asOf) {
    }

    public record PassbookLine(long sequence, Instant postedAt, String description, long amount, long runningBalance,
            TransactionKind kind, UUID transactionId) {
    }

    public record PassbookResponse(List<PassbookLine> lines, String nextCursor) {
    }

    public record AdjustmentRequest(
            @NotBlank @Size(max = 200) String memberId,
            @NotNull Long points,
            @NotBlank(message = "a reason is required for every adjustment") @Size(max = 500) String reason) {
    }

    public record AdjustmentResponse(UUID transactionId, String communityId, String memberId, long points,
            String reason, long posted, long held, long available) {
    }

    public record AccountResponse(long accountId, String communityId, AccountType type, String ownerId, long posted,
            long pending) {
    }

    public record JournalEntry(long sequence, UUID transactionId, TransactionKind kind, String causeType,
            String causeId, long accountId, AccountType accountType, String owner, String communityId, long amount,
            boolean pending, Instant postedAt, String description, String cursor) {
    }

    public record JournalExportResponse(List<JournalEntry> entries, String nextCursor) {
    }

    /**
     * One account in the balance export: {@code posted}/{@code pending} as of the export's moment; the stored
     * balance row ({@code storedPosted}/{@code storedPending}, absent for the issuance account, which keeps
     * none) and the sums of all postings so far ({@code totalPosted}/{@code totalPending}) from the same
     * snapshot, which must be equal.
     */
    public record BalanceExportRow(long accountId, String communityId, AccountType type, String ownerId, long posted,
            long pending, Long storedPosted, Long storedPending, long totalPosted, long totalPending) {
    }

    public record BalancesExportResponse(Instant asOf, List<BalanceExportRow> balances) {
    }
}
