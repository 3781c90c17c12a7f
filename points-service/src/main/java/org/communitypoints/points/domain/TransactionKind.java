package org.communitypoints.points.domain;

/** What a journal transaction records. */
public enum TransactionKind {
    SHIFT_CREDIT,
    SHIFT_CORRECTION,
    HOLD,
    CAPTURE,
    RELEASE,
    ADJUSTMENT,
    REVERSAL
}
