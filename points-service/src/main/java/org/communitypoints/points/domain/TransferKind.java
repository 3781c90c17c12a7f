package org.communitypoints.points.domain;

/** What a staff transfer moves. */
public enum TransferKind {
    /** Points added to or taken off a resident, against the community's issuance account. */
    ADJUSTMENT,
    /** Points moved from the community's issuance account into its subsidy pool. */
    POOL_FUNDING,
    /**
     * A journal transaction undone by one with the opposite postings (ReversalService); booked under an id derived
     * from the transaction it reverses, not under the transfer's own.
     */
    REVERSAL,
    /** Not a transfer: a change of the community's expiry rule, decided by a second staff member like one. */
    EXPIRY_POLICY
}
