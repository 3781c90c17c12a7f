package org.communitypoints.activity.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a sign-up. */
public record SignUpResponse(UUID signUpId, UUID activityId, String memberId,
        @Schema(nullable = true, description = "the proxy (代办) who signed the resident up; null when they did themself") String actedBy,
        Instant signedUpAt, int placesLeft) {
}
