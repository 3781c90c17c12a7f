package org.communitypoints.reconciler.model;

import java.time.Instant;

/** A correction of a verified shift: the ledger must post {@code delta} once for {@code correctionId}. */
public record ShiftCorrection(
        String correctionId,
        String shiftId,
        String memberId,
        String communityId,
        long delta,
        Instant correctedAt) {
}
