package org.communitypoints.reconciler.model;

/** Where a redemption stands, as far as the ledger is concerned. */
public enum RedemptionState {
    /** Asked for; the hold may or may not have been placed yet. */
    PENDING,
    /** Points held, voucher issued, not yet used. */
    HELD,
    /** Used at the counter: the hold must be captured exactly once. */
    FULFILLED,
    /** Ended without use: any hold must be released. */
    CANCELLED,
    REJECTED,
    EXPIRED;

    public boolean endedWithoutFulfilment() {
        return this == CANCELLED || this == REJECTED || this == EXPIRED;
    }
}
