package org.communitypoints.community.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.communitypoints.contracts.events.MemberChanged.VolunteerState;

/** Everything staff may change about a registered resident: the whole record, as it should now read. */
public record ResidentUpdateRequest(
        @NotBlank @Size(max = 100) String displayName,
        @Pattern(regexp = Ids.HOUSEHOLD_ID) String householdId,
        @Size(max = 20) String phone,
        Integer birthYear,
        VolunteerState volunteerState) {
}
