package org.communitypoints.community.rest;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

import org.communitypoints.community.domain.Phone;
import org.communitypoints.community.service.AuditService.AuditPage;
import org.communitypoints.community.service.GrantView;
import org.communitypoints.community.service.HouseholdView;
import org.communitypoints.community.service.JoinRequestView;
import org.communitypoints.community.service.ProxyService;
import org.communitypoints.community.service.ResidentService.ResidentDetails;
import org.communitypoints.community.service.ResidentView;
import org.communitypoints.contracts.events.ProxyChanged.Scope;
import org.communitypoints.platform.data.IdempotentRequests.Outcome;

/** Requests to service commands and service records to responses; phone numbers leave only masked. */
final class RegistryMapper {

    private RegistryMapper() {
    }

    static ResidentResponse toResponse(ResidentView r) {
        return new ResidentResponse(r.memberId(), r.displayName(), r.householdId(), r.householdName(),
                Phone.masked(r.phone()), r.birthYear(), r.elderly(), r.volunteerState(), r.status(), r.version(),
                r.updatedAt(), r.movedOutAt());
    }

    static HouseholdResponse toResponse(HouseholdView h) {
        return new HouseholdResponse(h.id(), h.name(), h.status(), h.version(),
                h.members().stream()
                        .map(m -> new HouseholdResponse.Member(m.memberId(), m.displayName(), m.status())).toList(),
                h.categories().stream()
                        .map(c -> new HouseholdResponse.Category(c.code(), c.label(), c.validFrom(), c.validUntil(),
                                c.validToday(), c.evidenceNote(), c.recordedBy(), c.recordedAt()))
                        .toList());
    }

    static JoinRequestResponse toResponse(JoinRequestView j) {
        return new JoinRequestResponse(j.id(), j.memberId(), j.displayName(), Phone.masked(j.phone()), j.address(),
                j.status(), j.householdId(), j.decidedBy(), j.decidedAt(), j.declineReason(), j.createdAt());
    }

    static GrantResponse toResponse(GrantView g) {
        return new GrantResponse(g.id(), g.memberId(), g.memberName(), g.proxyId(), g.proxyName(), g.relation(),
                g.scopes(), g.validUntil(), g.state(), g.consentRecordedBy(), g.consentNote(), g.grantedBy(),
                g.revokedAt(), g.revokedBy(), g.version(), g.createdAt());
    }

    static ActingForResponse toResponse(ProxyService.ActingFor a) {
        return new ActingForResponse(a.grantId(), a.memberId(), a.displayName(), a.scopes(), a.validUntil());
    }

    static AuditPageResponse toResponse(AuditPage page) {
        return new AuditPageResponse(page.entries().stream()
                .map(e -> new AuditPageResponse.Entry(e.id(), e.subjectType(), e.subjectId(), e.memberId(),
                        e.action(), e.detail(), e.actor(), e.at()))
                .toList(), page.nextBefore());
    }

    static <V, R> Outcome<R> map(Outcome<V> outcome, Function<V, R> mapper) {
        return new Outcome<>(mapper.apply(outcome.value()), outcome.replayed());
    }

    static ResidentDetails toDetails(ResidentRequest r) {
        return new ResidentDetails(r.displayName(), r.householdId(), r.phone(), r.birthYear(), r.volunteerState());
    }

    static ResidentDetails toDetails(ResidentUpdateRequest r) {
        return new ResidentDetails(r.displayName(), r.householdId(), r.phone(), r.birthYear(), r.volunteerState());
    }

    static ProxyService.GrantRequest toGrant(ProxyGrantRequest r) {
        return new ProxyService.GrantRequest(r.proxyId(), r.proxyName(), r.relation(), ordered(r.scopes()),
                r.validUntil());
    }

    static ProxyService.GrantRequest toGrant(StaffProxyGrantRequest r) {
        return new ProxyService.GrantRequest(r.proxyId(), r.proxyName(), r.relation(), ordered(r.scopes()),
                r.validUntil());
    }

    /** In declaration order, so a retried request fingerprints the same whatever order the client sent. */
    private static Set<Scope> ordered(Set<Scope> scopes) {
        return EnumSet.copyOf(scopes);
    }
}
