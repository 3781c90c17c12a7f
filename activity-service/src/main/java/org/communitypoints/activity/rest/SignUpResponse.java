package org.communitypoints.activity.rest;

import java.time.Instant;
import java.util.UUID;

/** The answer to a sign-up. */
public record SignUpResponse(UUID signUpId, UUID activityId, String memberId, Instant signedUpAt, int placesLeft) {
}
