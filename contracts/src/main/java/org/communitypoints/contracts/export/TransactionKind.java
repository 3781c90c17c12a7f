package org.communitypoints.contracts.export;

import com.fasterxml.jackson.annotation.JsonCreator;

/** What a points journal transaction records (points-service's kinds, by name). */
public enum TransactionKind {
    /** A verified shift's points: resident +points, issuance −points. Cause {@code SHIFT}, shift id. */
    SHIFT_CREDIT,
    /** A shift correction's difference. Cause {@code SHIFT_CORRECTION}, correction id. */
    SHIFT_CORRECTION,
    /** Points held for a redemption: two pending legs. Cause {@code REDEMPTION}, redemption id. */
    HOLD,
    /** A held redemption paid to its partner. Cause {@code REDEMPTION}, redemption id. */
    CAPTURE,
    /** A hold undone. Cause {@code REDEMPTION}, redemption id. */
    RELEASE,
    /** A staff adjustment. Cause {@code ADJUSTMENT}, the transaction's own id. */
    ADJUSTMENT,
    /** Staff funding the community's subsidy pool from issuance, approved by a second staff member. */
    POOL_FUNDING,
    /**
     * The opposite postings of an earlier {@code SHIFT_CREDIT}, {@code SHIFT_CORRECTION} or {@code ADJUSTMENT}.
     * Cause {@code TRANSACTION}, the id of the transaction it reverses (see {@link JournalEntry#reversedTransactionId()}).
     */
    REVERSAL,
    /**
     * A resident's points that lapsed: resident −points, the community's expiry account +points. Cause {@code EXPIRY},
     * cause id {@code <run day>/<cutoff instant>/<member id>}: credits earned before the cutoff, unconsumed (first in,
     * first out) and not held, lapse on the run day.
     */
    EXPIRY,
    /** Points about to lapse that the resident gave to the subsidy pool. Cause {@code EXPIRY_DONATION}, its own id. */
    EXPIRY_DONATION,
    /** A kind this consumer does not know yet (read tolerantly; never produced). */
    UNKNOWN;

    @JsonCreator
    public static TransactionKind of(String name) {
        return Enums.tolerant(TransactionKind.class, name, UNKNOWN);
    }
}
