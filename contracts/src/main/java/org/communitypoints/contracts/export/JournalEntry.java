package org.communitypoints.contracts.export;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One posting (leg) of points-service's journal ({@code GET /api/points/exports/journal}, an
 * {@link ExportPage} of these). Pages are in writing-transaction order, then sequence, so the legs of one
 * transaction arrive together; the legs of a transaction sum to zero, posted and pending legs each.
 *
 * @param sequence the posting's position in the journal, unique
 * @param transactionId the transaction the posting belongs to (several legs share it)
 * @param kind what the transaction records
 * @param causeType what {@code causeId} names
 * @param causeId the fact the transaction books: a shift, correction or redemption id, the adjustment's own
 *        id, or for a {@code REVERSAL} the id of the transaction reversed
 * @param accountId the account posted to
 * @param accountType the account's type
 * @param ownerId the account's owner: member id for a resident, partner id for a partner ({@code REDEMPTION})
 *        account, "" for community-owned accounts
 * @param communityId the community whose books these are
 * @param amount signed points: positive adds to the account
 * @param pending true for a hold leg (counts against available points, not yet posted)
 * @param postedAt when the transaction was booked (all legs share it)
 * @param description the passbook's text for residents (may be Chinese)
 * @param actor who the journal says booked the transaction; for an adjustment or a pool funding, the staff member
 *        who made it (the maker). Always present (a reader of an export from before this field finds it missing)
 * @param approvedBy the second staff member who approved an adjustment or a pool funding (the checker); null when
 *        nobody had to (an adjustment at or below the approval threshold) and for every other kind
 * @param cursor the export position just after this entry
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JournalEntry(
        long sequence,
        UUID transactionId,
        TransactionKind kind,
        CauseType causeType,
        String causeId,
        long accountId,
        AccountType accountType,
        String ownerId,
        String communityId,
        long amount,
        boolean pending,
        Instant postedAt,
        String description,
        String actor,
        @Schema(nullable = true) String approvedBy,
        String cursor) {

    /** For a {@code REVERSAL}, the transaction it undoes; empty for every other kind. */
    @JsonIgnore
    public Optional<UUID> reversedTransactionId() {
        if (kind != TransactionKind.REVERSAL || causeType != CauseType.TRANSACTION || causeId == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(causeId));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}
