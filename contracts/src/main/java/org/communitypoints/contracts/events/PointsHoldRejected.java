package org.communitypoints.contracts.events;

import java.util.UUID;

import org.communitypoints.contracts.ContractEvent;

/**
 * No hold was placed.
 *
 * @param code stable machine code, e.g. INSUFFICIENT_POINTS
 * @param available the resident's available balance when the request was refused
 */
public record PointsHoldRejected(
        UUID redemptionId,
        String memberId,
        String code,
        String detail,
        long available) implements ContractEvent {
}
