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
    /**
     * A staff adjustment: {@link LedgerPosting#actor()} made it, {@link LedgerPosting#approvedBy()} approved it when it
     * needed a second person.
     */
    ADJUSTMENT,
    /** Points staff moved into a community's subsidy pool: always made by one staff member and approved by another. */
    POOL_FUNDING,
    /** Anything the checks need only for sums (a resident's donation of expiring points, a kind this job does not know). */
    OTHER
}
