package org.communitypoints.community.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.communitypoints.contracts.events.MemberChanged.VolunteerState;

/**
 * Registers a resident.
 *
 * @param memberId the resident's OIDC subject
 * @param phone a mobile number or a landline with area code; spaces, hyphens and +86 are allowed
 * @param birthYear as on the household register; 60 or more years ago makes the resident elderly
 * @param volunteerState NONE when absent
 */
public record ResidentRequest(
        @NotNull @Pattern(regexp = Ids.MEMBER_ID) String memberId,
        @NotBlank @Size(max = 100) String displayName,
        @Pattern(regexp = Ids.HOUSEHOLD_ID) String householdId,
        @Size(max = 20) String phone,
        Integer birthYear,
        VolunteerState volunteerState) {
}
