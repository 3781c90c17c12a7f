package org.communitypoints.contracts.events;

import java.util.UUID;

import org.communitypoints.contracts.ContractEvent;

/** The hold was captured: {@code points} from the resident and {@code subsidyPoints} from the pool went to the partner. */
public record PointsCaptured(
        UUID redemptionId,
        String memberId,
        String partnerId,
        long points,
        long subsidyPoints) implements ContractEvent {
}
