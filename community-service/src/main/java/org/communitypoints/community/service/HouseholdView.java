package org.communitypoints.community.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.communitypoints.contracts.events.HouseholdCategory;
import org.communitypoints.contracts.events.HouseholdChanged.HouseholdStatus;
import org.communitypoints.contracts.events.MemberChanged.MembershipStatus;

/** A household with its members (those who moved out too: the history stays) and its categories. */
public record HouseholdView(String id, String name, HouseholdStatus status, long version, List<Member> members,
        List<Category> categories) {

    public record Member(String memberId, String displayName, MembershipStatus status) {
    }

    /**
     * @param evidenceNote what staff saw; null for a caller who may not read it
     * @param validToday whether the category applies today in the community's time zone
     */
    public record Category(HouseholdCategory code, String label, LocalDate validFrom, LocalDate validUntil,
            boolean validToday, String evidenceNote, String recordedBy, Instant recordedAt) {
    }
}
