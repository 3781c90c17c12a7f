package org.communitypoints.points.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * The hold of one redemption. Holds change status; the journal keeps every movement they caused.
 *
 * @param partnerId null only for a {@linkplain #isTombstone() tombstone}
 * @param rewardTitle null only for a tombstone
 * @param points what the resident pays; 0 for a fully subsidised redemption, which freezes nothing
 * @param reason why a hold was refused or ended; null while it is placed and once captured
 * @param closedAt when it left {@link HoldStatus#PLACED}; null while placed
 * @param poolReserved whether placing it reserved {@code subsidyPoints} on the subsidy pool (a pending posting);
 *        false for holds placed before the pool was reserved, whose capture takes the subsidy directly
 */
public record Hold(UUID redemptionId, String communityId, String memberId, String partnerId, String rewardTitle,
        long points, long subsidyPoints, Instant expiresAt, HoldStatus status, String reason, Instant closedAt,
        boolean poolReserved) {

    /**
     * The mark a release leaves when it arrives before the hold it releases: a hold request coming later for
     * this redemption is refused, so nothing is frozen for a redemption that has ended.
     */
    public static Hold tombstone(UUID redemptionId, String communityId, String memberId, String reason,
            Instant releasedAt) {
        return new Hold(redemptionId, communityId, memberId, null, null, 0, 0, releasedAt, HoldStatus.RELEASED, reason,
                releasedAt, false);
    }

    /** The subsidy set aside on the pool while the hold is placed: voided on release, posted on capture. */
    public long reservedSubsidy() {
        return poolReserved ? subsidyPoints : 0;
    }

    public boolean isTombstone() {
        return partnerId == null;
    }
}
