package org.communitypoints.community.service;

import java.time.Instant;

import org.communitypoints.contracts.events.MemberChanged.MembershipStatus;
import org.communitypoints.contracts.events.MemberChanged.VolunteerState;

/**
 * A resident as the registry holds them. {@code phone} is the whole number: the REST layer masks it in every
 * answer.
 *
 * @param householdName null while the resident belongs to no household
 */
public record ResidentView(String memberId, String displayName, String householdId, String householdName,
        String phone, Integer birthYear, boolean elderly, VolunteerState volunteerState, MembershipStatus status,
        long version, Instant updatedAt, Instant movedOutAt) {
}
