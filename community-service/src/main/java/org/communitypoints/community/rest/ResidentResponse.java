package org.communitypoints.community.rest;

import java.time.Instant;

import org.communitypoints.contracts.events.MemberChanged.MembershipStatus;
import org.communitypoints.contracts.events.MemberChanged.VolunteerState;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A resident. {@code phone} is always masked to its last four digits ({@code *******1234}), whoever asks.
 *
 * @param householdId the household the resident belongs to, or last belonged to after moving out
 */
public record ResidentResponse(String memberId, String displayName, @Schema(nullable = true) String householdId,
        @Schema(nullable = true) String householdName,
        @Schema(nullable = true) String phone, @Schema(nullable = true) Integer birthYear, boolean elderly,
        VolunteerState volunteerState, MembershipStatus status,
        long version, Instant updatedAt, @Schema(nullable = true) Instant movedOutAt) {
}
