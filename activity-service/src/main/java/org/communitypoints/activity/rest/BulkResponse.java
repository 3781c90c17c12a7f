package org.communitypoints.activity.rest;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * @param verified how many of the shifts were verified (with {@code verify}); each shift says how
 * @param awaitingConfirmation how many wait for a second person (each such shift has
 *        {@code awaitingConfirmation: true}): the volunteer's check-in with the activity's code, or another grid
 *        worker's or staff member's verification
 */
public record BulkResponse(UUID activityId, List<ShiftResponse> shifts,
        @Schema(description = "shifts verified now") int verified,
        @Schema(description = "shifts waiting for a second person") int awaitingConfirmation) {
}
