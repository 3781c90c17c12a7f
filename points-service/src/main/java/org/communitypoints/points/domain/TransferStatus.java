package org.communitypoints.points.domain;

/** Where a staff transfer stands. Only PENDING changes; BOOKED and REJECTED are final. */
public enum TransferStatus {
    /** Waiting for a second staff member of the community to approve or reject it. */
    PENDING,
    /** In the journal: booked at once (under the approval threshold) or on approval. */
    BOOKED,
    /** Turned down by the second staff member: nothing was booked. */
    REJECTED
}
