package org.communitypoints.activity.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who signed up and who served, for the grid worker at the door and for staff. */
public record RosterResponse(UUID activityId, String title, Instant startsAt, Instant endsAt, int capacity,
        List<SignUp> signUps, List<ShiftResponse> shifts) {

    public record SignUp(String memberId,
            @Schema(nullable = true, description = "the resident's name (姓名) from the registry copy; null while the copy does not have them yet") String displayName,
            @Schema(nullable = true, description = "the proxy (代办) who signed the resident up; null when they did themself") String actedBy,
            Instant signedUpAt) {
    }
}
