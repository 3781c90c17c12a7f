package org.communitypoints.points.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of the control audit: who decided what about a staff transfer.
 *
 * @param transferId null when a bound refused the request before a transfer was created
 * @param code the bound that refused it, for {@link AuditAction#REFUSED}
 */
public record AuditEntry(long sequence, String communityId, TransferKind kind, UUID transferId, AuditAction action,
        String actor, String memberId, Long points, String code, String reason, Instant at) {
}
