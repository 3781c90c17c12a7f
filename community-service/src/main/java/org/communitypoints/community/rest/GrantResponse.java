package org.communitypoints.community.rest;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.communitypoints.community.domain.ProxyGrant;
import org.communitypoints.contracts.events.ProxyChanged.Relation;
import org.communitypoints.contracts.events.ProxyChanged.Scope;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A proxy grant with its state now: ACTIVE, EXPIRED or REVOKED. */
public record GrantResponse(UUID id, String memberId, String memberName, String proxyId, String proxyName,
        Relation relation, Set<Scope> scopes, Instant validUntil, ProxyGrant.State state, String consentRecordedBy,
        @Schema(nullable = true) String consentNote, String grantedBy, @Schema(nullable = true) Instant revokedAt,
        @Schema(nullable = true) String revokedBy, long version, Instant createdAt) {
}
