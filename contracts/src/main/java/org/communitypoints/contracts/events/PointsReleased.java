package org.communitypoints.contracts.events;

import java.util.UUID;

import org.communitypoints.contracts.ContractEvent;

/**
 * The hold was released and the points are available again.
 *
 * @param reason why: the reason catalog-service gave, or EXPIRED when the hold timed out on its own
 */
public record PointsReleased(
        UUID redemptionId,
        String memberId,
        long points,
        String reason) implements ContractEvent {
}
