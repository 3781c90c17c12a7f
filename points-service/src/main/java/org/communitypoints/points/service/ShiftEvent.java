package org.communitypoints.points.service;

import java.util.UUID;

import org.communitypoints.contracts.ContractEvent;
import org.communitypoints.points.domain.SourceRecord;

/**
 * A decoded ShiftVerified or ShiftCorrected with the record it came in.
 *
 * @param payload a {@link org.communitypoints.contracts.events.ShiftVerified} or
 *        {@link org.communitypoints.contracts.events.ShiftCorrected}
 */
public record ShiftEvent(UUID eventId, String type, String communityId, ContractEvent payload, SourceRecord source) {
}
