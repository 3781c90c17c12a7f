package org.communitypoints.platform.data.membership;

import org.communitypoints.contracts.events.MemberChanged.MembershipStatus;
import org.communitypoints.contracts.events.MemberChanged.VolunteerState;

/**
 * A resident as this service's copy of the registry knows them.
 *
 * @param householdId null while they belong to no household
 * @param version the registry's version of this member the copy holds
 */
public record Member(
        String memberId,
        String communityId,
        String displayName,
        String householdId,
        MembershipStatus status,
        boolean elderly,
        VolunteerState volunteerState,
        long version) {

    public boolean active() {
        return status == MembershipStatus.ACTIVE;
    }
}
