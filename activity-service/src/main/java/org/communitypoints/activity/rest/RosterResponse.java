package org.communitypoints.activity.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Who signed up and who served, for the grid worker at the door and for staff. */
public record RosterResponse(UUID activityId, String title, Instant startsAt, Instant endsAt, int capacity,
        List<SignUp> signUps, List<ShiftResponse> shifts) {

    public record SignUp(String memberId, Instant signedUpAt) {
    }
}
