package org.communitypoints.contracts.events;

import java.time.Instant;
import java.util.UUID;

import org.communitypoints.contracts.ContractEvent;

/**
 * A verified shift was corrected (other minutes) or voided ({@code correctedPoints} 0). points-service
 * posts the difference {@code correctedPoints - previousPoints}, exactly once per {@code correctionId}.
 */
public record ShiftCorrected(
        UUID correctionId,
        UUID shiftId,
        String memberId,
        String activityTitle,
        int correctedMinutes,
        long previousPoints,
        long correctedPoints,
        String reason,
        String correctedBy,
        Instant correctedAt) implements ContractEvent {

    public long delta() {
        return correctedPoints - previousPoints;
    }
}
