package org.communitypoints.points.domain;

/** What a journal transaction records. */
public enum TransactionKind {
    SHIFT_CREDIT,
    SHIFT_CORRECTION,
    HOLD,
    CAPTURE,
    RELEASE,
    ADJUSTMENT,
    REVERSAL,
    /** Points moved from the community's issuance account into its subsidy pool (approved by a second staff member). */
    POOL_FUNDING,
    /**
     * A resident's points that lapsed (older than the community's expiry period, unconsumed, not held) to the expiry account.
     */
    EXPIRY,
    /** Points about to lapse that the resident gave to the community's subsidy pool instead. */
    EXPIRY_DONATION
}
