package org.communitypoints.points.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * The hold of one redemption. Holds change status; the journal keeps every movement they caused.
 *
 * @param reason why a hold was refused or ended; null while it is placed and once captured
 * @param closedAt when it left {@link HoldStatus#PLACED}; null while placed
 */
public record Hold(UUID redemptionId, String communityId, String memberId, String partnerId, String rewardTitle,
        long points, long subsidyPoints, Instant expiresAt, HoldStatus status, String reason, Instant closedAt) {
}
