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
    /** Staff adjustments and anything the checks need only for sums. */
    OTHER
}
