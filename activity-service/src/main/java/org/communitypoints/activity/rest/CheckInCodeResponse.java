package org.communitypoints.activity.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record CheckInCodeResponse(UUID activityId, @Schema(description = "six digits, for the screen") String code,
        Instant validFrom, @Schema(description = "when the screen should fetch the next code") Instant validUntil,
        @Schema(description = "until when residents may still enter this code (one period of grace)") Instant acceptedUntil) {
}
