package org.communitypoints.reconciler.model;

/** What a posting does, derived by the journal adapter from the export's kind and cause. */
public enum Movement {
    SHIFT_CREDIT,
    SHIFT_CORRECTION,
    HOLD,
    CAPTURE,
    RELEASE,
    /** Staff adjustments, opening balances and anything the checks need only for sums. */
    OTHER
}
