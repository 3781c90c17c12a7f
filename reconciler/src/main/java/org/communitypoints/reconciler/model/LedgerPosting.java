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
        Instant postedAt) {
}
