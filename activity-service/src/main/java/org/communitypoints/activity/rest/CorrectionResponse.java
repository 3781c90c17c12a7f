package org.communitypoints.activity.rest;

import java.time.Instant;
import java.util.UUID;

public record CorrectionResponse(UUID correctionId, UUID shiftId, int sequence, int previousMinutes,
        int correctedMinutes, long previousPoints, long correctedPoints, boolean voided, String reason,
        String correctedBy, Instant correctedAt) {
}
