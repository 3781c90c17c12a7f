package org.communitypoints.points.rest;

import java.time.Instant;
import java.util.UUID;

import org.communitypoints.points.domain.TransferStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An adjustment and where it stands; when this answer booked it, the resident's points right after.
 *
 * @param status PENDING (waiting for a second staff member), BOOKED or REJECTED
 * @param transactionId the journal transaction that booked it; null until booked
 * @param approvedBy the second staff member who approved or rejected it; null while pending or when booked at once
 */
public record AdjustmentResponse(UUID id, @Schema(nullable = true) UUID transactionId, String communityId,
        String memberId, long points, String reason, TransferStatus status, String requestedBy, Instant requestedAt,
        @Schema(nullable = true) String approvedBy, @Schema(nullable = true) Instant decidedAt,
        @Schema(nullable = true) String decisionReason, @Schema(nullable = true) Long posted,
        @Schema(nullable = true) Long held, @Schema(nullable = true) Long available) {
}
