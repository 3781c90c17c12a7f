package org.communitypoints.contracts.events;

import java.time.Instant;

import org.communitypoints.contracts.ContractEvent;

/**
 * The whole current state of one resident's membership, published by community-service after every change
 * (event-carried state): the other services keep a copy and check every member id against it, so they keep
 * working when community-service is down. A consumer applies an event only when its {@code version} is higher
 * than the one it holds, so redelivered or reordered copies never roll a member back.
 *
 * @param memberId the resident's OIDC subject, the id every other service uses
 * @param householdId the household (户) the resident belongs to; null while they belong to none
 * @param status ACTIVE while the resident may earn, redeem and sign up; MOVED_OUT closes the membership and
 *        keeps its history
 * @param elderly 60 or older: staff lists and the proxy (代办) rules use it
 * @param version increases by one with every change of this member
 * @param changedBy the staff member, grid worker or resident who made the change
 */
public record MemberChanged(
        String memberId,
        String displayName,
        String householdId,
        MembershipStatus status,
        boolean elderly,
        VolunteerState volunteerState,
        long version,
        String changedBy,
        Instant changedAt) implements ContractEvent {

    public enum MembershipStatus {
        ACTIVE,
        MOVED_OUT
    }

    public enum VolunteerState {
        /** Not registered as a volunteer: may redeem, may not be recorded for shifts. */
        NONE,
        REGISTERED,
        /** Registered, but staff paused them (for example after a complaint): no new shifts. */
        SUSPENDED
    }

    public boolean active() {
        return status == MembershipStatus.ACTIVE;
    }
}
