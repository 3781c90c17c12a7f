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
 */
public record HoldRequested(
        UUID redemptionId,
        String memberId,
        String partnerId,
        String rewardTitle,
        long points,
        long subsidyPoints,
        Instant expiresAt) implements ContractEvent {
}
