package org.communitypoints.community.rest;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.communitypoints.contracts.events.ProxyChanged.Scope;

/** A resident the caller may act for now, and within what. */
public record ActingForResponse(UUID grantId, String memberId, String displayName, Set<Scope> scopes,
        Instant validUntil) {
}
