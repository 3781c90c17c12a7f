package org.communitypoints.community.service;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.communitypoints.community.domain.ProxyGrant;
import org.communitypoints.contracts.events.ProxyChanged.Relation;
import org.communitypoints.contracts.events.ProxyChanged.Scope;

/**
 * A proxy grant and its state now (ACTIVE, EXPIRED or REVOKED).
 *
 * @param consentNote the reference of the signed consent form when staff recorded the grant
 */
public record GrantView(UUID id, String memberId, String memberName, String proxyId, String proxyName,
        Relation relation, Set<Scope> scopes, Instant validUntil, ProxyGrant.State state, String consentRecordedBy,
        String consentNote, String grantedBy, Instant revokedAt, String revokedBy, long version, Instant createdAt) {

    static GrantView of(ProxyGrant grant, String memberName, Instant now) {
        return new GrantView(grant.id(), grant.memberId(), memberName, grant.proxyId(), grant.proxyName(),
                grant.relation(), grant.scopes(), grant.validUntil(), grant.stateAt(now), grant.consentRecordedBy(),
                grant.consentNote(), grant.grantedBy(), grant.revokedAt(), grant.revokedBy(), grant.version(),
                grant.createdAt());
    }
}
