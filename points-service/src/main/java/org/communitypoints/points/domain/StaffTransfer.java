package org.communitypoints.points.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A transfer staff asked for: an adjustment of a resident's points or a funding of the subsidy pool. Its id is
 * also the id of the journal transaction that books it.
 *
 * @param memberId the resident adjusted; null for a pool funding
 * @param points signed for an adjustment (taken off when negative), positive for a funding
 * @param decidedBy the second staff member who approved or rejected it; null while pending and when it was
 *        booked at once
 */
public record StaffTransfer(UUID id, TransferKind kind, String communityId, String memberId, long points,
        String reason, TransferStatus status, String requestedBy, Instant requestedAt, String decidedBy,
        Instant decidedAt, String decisionReason) {
}
