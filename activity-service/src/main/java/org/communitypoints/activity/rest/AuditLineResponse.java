package org.communitypoints.activity.rest;

import java.time.Instant;

import org.communitypoints.activity.domain.AuditAction;
import org.communitypoints.activity.domain.VerificationMethod;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One line of a shift's audit trail. */
public record AuditLineResponse(long seq, AuditAction action,
        @Schema(description = "who did it: the recorder, the verifier, or the volunteer who checked in") String actor,
        @Schema(nullable = true, description = "on VERIFIED only") VerificationMethod method,
        @Schema(nullable = true, description = "on VERIFIED, CORRECTED and VOIDED only") Long points,
        Instant at) {
}
