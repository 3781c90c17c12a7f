package org.communitypoints.contracts.events;

import java.util.UUID;

import org.communitypoints.contracts.ContractEvent;

/**
 * A capture could not be made (the hold was already released or expired, or never placed).
 *
 * @param code stable machine code, e.g. HOLD_NOT_ACTIVE
 */
public record PointsCaptureRejected(
        UUID redemptionId,
        String memberId,
        String code,
        String detail) implements ContractEvent {
}
