package org.communitypoints.points.rest;

import java.time.Instant;
import java.util.UUID;

import org.communitypoints.points.domain.TransferStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A funding of the subsidy pool and where it stands.
 *
 * @param status PENDING (waiting for a second staff member), BOOKED or REJECTED
 * @param transactionId the journal transaction that booked it; null until approved
 */
public record FundingResponse(UUID id, @Schema(nullable = true) UUID transactionId, String communityId, long points,
        String reason, TransferStatus status, String requestedBy, Instant requestedAt,
        @Schema(nullable = true) String approvedBy, @Schema(nullable = true) Instant decidedAt,
        @Schema(nullable = true) String decisionReason) {
}
