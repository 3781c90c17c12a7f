package org.communitypoints.points.service;

import java.util.UUID;

import org.communitypoints.contracts.ContractEvent;
import org.communitypoints.platform.data.InboundRecord;

/**
 * A decoded ShiftVerified or ShiftCorrected with the record it came in.
 *
 * @param payload a {@link org.communitypoints.contracts.events.ShiftVerified} or
 *        {@link org.communitypoints.contracts.events.ShiftCorrected}
 * @param source the record as the dead-letter store keeps it, should the event be refused
 */
public record ShiftEvent(UUID eventId, String type, String communityId, ContractEvent payload, InboundRecord source) {
}
