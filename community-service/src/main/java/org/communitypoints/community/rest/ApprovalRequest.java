package org.communitypoints.community.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.communitypoints.contracts.events.MemberChanged.VolunteerState;

/** Staff approve a join request into a household of their community. */
public record ApprovalRequest(@NotNull @Pattern(regexp = Ids.HOUSEHOLD_ID) String householdId, Integer birthYear,
        VolunteerState volunteerState) {
}
