package org.communitypoints.reconciler.model;

/** What a posting does, as far as the checks care (the journal's transaction kind). */
public enum Movement {
    SHIFT_CREDIT,
    SHIFT_CORRECTION,
    HOLD,
    CAPTURE,
    RELEASE,
    /** Undoes an earlier credit, correction or adjustment: {@link LedgerPosting#reverses()} names it. */
    REVERSAL,
    /**
     * Points that lapsed: {@link LedgerPosting#causeId()} is {@code <run day>/<cutoff instant>/<member id>}, the
     * cutoff before which unconsumed, unheld credits may lapse.
     */
    EXPIRY,
    /** Staff adjustments and anything the checks need only for sums. */
    OTHER
}
