package org.communitypoints.reconciler.model;

import java.time.Instant;

/**
 * One posting of the points journal.
 *
 * @param causeId the shift id (SHIFT_CREDIT), correction id (SHIFT_CORRECTION) or redemption id (HOLD,
 *        CAPTURE, RELEASE); may be null for OTHER
 * @param reverses for a REVERSAL, the transaction it undoes; null otherwise
 * @param amount signed: positive adds to the account
 * @param pending true for the legs of a hold: they count as held, not as posted
 * @param actor who the journal says booked the transaction (for an adjustment or a pool funding, its maker); may be
 *        null
 * @param approvedBy the second staff member who approved an adjustment or a pool funding; null when nobody did
 */
public record LedgerPosting(
        long sequence,
        String transactionId,
        Movement movement,
        String causeId,
        String reverses,
        String accountId,
        String ownerId,
        AccountType accountType,
        String communityId,
        long amount,
        boolean pending,
        Instant postedAt,
        String actor,
        String approvedBy) {
}
