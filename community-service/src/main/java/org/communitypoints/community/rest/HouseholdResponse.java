package org.communitypoints.community.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.communitypoints.contracts.events.HouseholdCategory;
import org.communitypoints.contracts.events.HouseholdChanged.HouseholdStatus;
import org.communitypoints.contracts.events.MemberChanged.MembershipStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A household, its members (moved-out ones too) and its categories. */
public record HouseholdResponse(String id, String name, HouseholdStatus status, long version, List<Member> members,
        List<Category> categories) {

    public record Member(String memberId, String displayName, MembershipStatus status) {
    }

    /** @param evidenceNote shown to staff only */
    public record Category(HouseholdCategory code, String label, LocalDate validFrom,
            @Schema(nullable = true) LocalDate validUntil,
            boolean validToday, @Schema(nullable = true) String evidenceNote, String recordedBy, Instant recordedAt) {
    }
}
