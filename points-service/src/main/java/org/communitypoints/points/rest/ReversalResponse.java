package org.communitypoints.points.rest;

import java.time.Instant;
import java.util.UUID;

import org.communitypoints.points.domain.TransferStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A reversal and where it stands.
 *
 * @param id the reversal asked for (approve or reject it under /reversals/{id})
 * @param transactionId the reversing journal transaction; null until booked
 * @param reverses the transaction it undoes
 * @param points what it moves on the resident's points (negative: taken back)
 * @param status PENDING (waiting for a second staff member), BOOKED or REJECTED
 * @param approvedBy the second staff member who approved or rejected it; null while pending or when booked at once
 */
public record ReversalResponse(UUID id, @Schema(nullable = true) UUID transactionId, UUID reverses, String memberId,
        long points, String description, String reason, TransferStatus status, String requestedBy,
        Instant requestedAt, @Schema(nullable = true) String approvedBy, @Schema(nullable = true) Instant decidedAt,
        @Schema(nullable = true) String decisionReason) {
}
