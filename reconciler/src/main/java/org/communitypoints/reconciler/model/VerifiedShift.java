package org.communitypoints.reconciler.model;

import java.time.Instant;

/** A shift as activity-service verified it: {@code points} is what its rule gives, fixed at verification. */
public record VerifiedShift(
        String shiftId,
        String memberId,
        String communityId,
        long points,
        Instant verifiedAt) {
}
