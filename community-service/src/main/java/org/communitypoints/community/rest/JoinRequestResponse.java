package org.communitypoints.community.rest;

import java.time.Instant;
import java.util.UUID;

import org.communitypoints.community.domain.JoinRequest;

/** A join request; {@code phone} masked to its last four digits. */
public record JoinRequestResponse(UUID id, String memberId, String displayName, String phone, String address,
        JoinRequest.Status status, String householdId, String decidedBy, Instant decidedAt, String declineReason,
        Instant createdAt) {
}
