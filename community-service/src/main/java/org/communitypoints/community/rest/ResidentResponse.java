package org.communitypoints.community.rest;

import java.time.Instant;

import org.communitypoints.contracts.events.MemberChanged.MembershipStatus;
import org.communitypoints.contracts.events.MemberChanged.VolunteerState;

/**
 * A resident. {@code phone} is always masked to its last four digits ({@code *******1234}), whoever asks.
 *
 * @param householdId the household the resident belongs to, or last belonged to after moving out
 */
public record ResidentResponse(String memberId, String displayName, String householdId, String householdName,
        String phone, Integer birthYear, boolean elderly, VolunteerState volunteerState, MembershipStatus status,
        long version, Instant updatedAt, Instant movedOutAt) {
}
