package org.communitypoints.points.rest;

import java.time.Instant;
import java.util.UUID;

import org.communitypoints.points.domain.AuditAction;
import org.communitypoints.points.domain.TransferKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One decision of the control audit.
 *
 * @param transferId the adjustment or funding; null when a bound refused the request before one was created
 * @param code the bound that refused it (ADJUSTMENT_DAILY_LIMIT...), for REFUSED
 */
public record AuditEntryResponse(long sequence, TransferKind kind, @Schema(nullable = true) UUID transferId,
        AuditAction action, String actor, @Schema(nullable = true) String memberId,
        @Schema(nullable = true) Long points, @Schema(nullable = true) String code,
        @Schema(nullable = true) String reason, Instant at) {
}
