package org.communitypoints.activity.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.communitypoints.activity.domain.Activity;
import org.communitypoints.activity.domain.ActivityKind;

public final class ActivityViews {

    private ActivityViews() {
    }

    public record ActivityView(UUID id, String title, UUID kindId, String kindCode, String kindName, String place,
            Instant startsAt, Instant endsAt, int capacity, int signedUp, int placesLeft) {

        public static ActivityView of(Activity activity, ActivityKind kind) {
            return new ActivityView(activity.id, activity.title, kind.id, kind.code, kind.name, activity.place,
                    activity.startsAt, activity.endsAt, activity.capacity, activity.signedUp,
                    activity.capacity - activity.signedUp);
        }
    }

    /** The answer to a sign-up. */
    public record SignUpView(UUID signUpId, UUID activityId, String memberId, Instant signedUpAt, int placesLeft) {
    }

    /** One line of the resident's "my upcoming activities" (read by the gateway's home screen). */
    public record MySignUp(UUID activityId, String title, String place, Instant startsAt, Instant endsAt) {
    }

    public record RosterSignUp(String memberId, Instant signedUpAt) {
    }

    /** Who signed up and who served, for the grid worker at the door and for staff. */
    public record Roster(UUID activityId, String title, Instant startsAt, Instant endsAt, int capacity,
            List<RosterSignUp> signUps, List<ShiftViews.ShiftView> shifts) {
    }
}
