package org.communitypoints.community.rest;

import java.time.Instant;
import java.util.UUID;

import org.communitypoints.community.domain.JoinRequest;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A join request; {@code phone} masked to its last four digits. */
public record JoinRequestResponse(UUID id, String memberId, String displayName, String phone, String address,
        JoinRequest.Status status, @Schema(nullable = true) String householdId, @Schema(nullable = true) String decidedBy,
        @Schema(nullable = true) Instant decidedAt, @Schema(nullable = true) String declineReason,
        Instant createdAt) {
}
