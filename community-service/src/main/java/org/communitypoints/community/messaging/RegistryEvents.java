package org.communitypoints.community.messaging;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.community.domain.CategoryTag;
import org.communitypoints.community.domain.Household;
import org.communitypoints.community.domain.ProxyGrant;
import org.communitypoints.community.domain.Resident;
import org.communitypoints.contracts.events.HouseholdChanged;
import org.communitypoints.contracts.events.MemberChanged;
import org.communitypoints.contracts.events.ProxyChanged;
import org.communitypoints.platform.data.Outbox;

/**
 * Publishes the whole current state of a changed resident, household or grant to {@code community.registry}
 * through the outbox, in the caller's transaction: the event is sent if and only if the change commits, and its
 * version is the one just written. Evidence notes, phone numbers and consent references never leave the service.
 */
@ApplicationScoped
public class RegistryEvents {

    private final Outbox outbox;

    public RegistryEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** The resident's elderly flag must be settled for this change ({@link Resident#settleElderly}). */
    public void memberChanged(Resident resident, String changedBy, Instant at) {
        outbox.publish(resident.communityId(), new MemberChanged(resident.memberId(), resident.displayName(),
                resident.householdId(), resident.status(), resident.elderly(),
                resident.volunteerState(), resident.version(), changedBy, at));
    }

    public void householdChanged(Household household, List<CategoryTag> categories, String changedBy,
            Instant at) {
        List<HouseholdChanged.Category> published = categories.stream()
                .map(c -> new HouseholdChanged.Category(c.code(), c.validFrom(), c.validUntil())).toList();
        outbox.publish(household.communityId(), new HouseholdChanged(household.id(), household.name(), published,
                household.status(), household.version(), changedBy, at));
    }

    public void proxyChanged(ProxyGrant grant, Instant at) {
        outbox.publish(grant.communityId(), new ProxyChanged(grant.id(), grant.memberId(), grant.proxyId(),
                grant.proxyName(), grant.relation(), grant.scopes(), grant.validUntil(), grant.revokedAt(),
                grant.consentRecordedBy(), grant.version(), at));
    }
}
