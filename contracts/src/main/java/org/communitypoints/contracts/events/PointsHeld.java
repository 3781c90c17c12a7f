package org.communitypoints.contracts.events;

import java.time.Instant;
import java.util.UUID;

import org.communitypoints.contracts.ContractEvent;

/** The price of a redemption is held on the resident's account. */
public record PointsHeld(
        UUID redemptionId,
        String memberId,
        long points,
        long subsidyPoints,
        long availableAfter,
        Instant expiresAt) implements ContractEvent {
}
