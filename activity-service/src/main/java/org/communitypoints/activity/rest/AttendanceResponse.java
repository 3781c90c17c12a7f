package org.communitypoints.activity.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record AttendanceResponse(UUID activityId, String memberId, Instant confirmedAt,
        @Schema(description = "false when the resident had already checked in; nothing changed then") boolean firstConfirmation,
        @Schema(description = "the resident's shifts this check-in verified (those waiting for it)") List<ShiftResponse> verifiedShifts) {
}
