package org.communitypoints.community.rest;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.communitypoints.community.domain.ProxyGrant;
import org.communitypoints.contracts.events.ProxyChanged.Relation;
import org.communitypoints.contracts.events.ProxyChanged.Scope;

/** A proxy grant with its state now: ACTIVE, EXPIRED or REVOKED. */
public record GrantResponse(UUID id, String memberId, String memberName, String proxyId, String proxyName,
        Relation relation, Set<Scope> scopes, Instant validUntil, ProxyGrant.State state, String consentRecordedBy,
        String consentNote, String grantedBy, Instant revokedAt, String revokedBy, long version, Instant createdAt) {
}
