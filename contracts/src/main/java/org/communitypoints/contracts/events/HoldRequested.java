package org.communitypoints.contracts.events;

import java.time.Instant;
import java.util.UUID;

import org.communitypoints.contracts.ContractEvent;

/**
 * catalog-service reserved a seat or stock for a redemption and asks points-service to hold the price.
 *
 * @param points what the resident pays
 * @param subsidyPoints the means-tested discount, paid by the community subsidy pool at capture (0 if none)
 * @param expiresAt when the hold lapses by itself if neither captured nor released
 * @param actedBy the proxy (代办) who placed the redemption for the resident; null when the resident acted
 *        themself (and in events from producers older than this field)
 */
public record HoldRequested(
        UUID redemptionId,
        String memberId,
        String partnerId,
        String rewardTitle,
        long points,
        long subsidyPoints,
        Instant expiresAt,
        String actedBy) implements ContractEvent {

    /** A redemption the resident placed themself. */
    public HoldRequested(UUID redemptionId, String memberId, String partnerId, String rewardTitle, long points,
            long subsidyPoints, Instant expiresAt) {
        this(redemptionId, memberId, partnerId, rewardTitle, points, subsidyPoints, expiresAt, null);
    }
}
