package org.communitypoints.points.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A transfer staff asked for: an adjustment of a resident's points, a funding of the subsidy pool, a reversal. Its
 * id is also the id of the journal transaction that books it, except a reversal's (booked under the id its
 * transaction's reversal always has).
 *
 * @param memberId the resident adjusted or whose points a reversal moves; null for a pool funding
 * @param points signed for an adjustment or a reversal (taken off the resident when negative), positive for a
 *        funding
 * @param decidedBy the second staff member who approved or rejected it; null while pending and when it was
 *        booked at once
 * @param reverses the journal transaction a reversal undoes; null for other kinds
 */
public record StaffTransfer(UUID id, TransferKind kind, String communityId, String memberId, long points,
        String reason, TransferStatus status, String requestedBy, Instant requestedAt, String decidedBy,
        Instant decidedAt, String decisionReason, UUID reverses) {
}
