package org.communitypoints.activity.rest;

import java.time.Instant;
import java.util.UUID;

/** One line of the resident's "my upcoming activities" (read by the gateway's home screen). */
public record MySignUpResponse(UUID activityId, String title, String place, Instant startsAt, Instant endsAt) {
}
