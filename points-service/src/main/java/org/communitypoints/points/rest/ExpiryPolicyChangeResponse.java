package org.communitypoints.points.rest;

import java.time.Instant;
import java.util.UUID;

import org.communitypoints.points.domain.ExpiryPolicyChange;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A change of the expiry rule and where it stands (PENDING, APPLIED, REJECTED). */
public record ExpiryPolicyChangeResponse(UUID id, boolean enabled, int expiresAfterMonths, int warnDaysAhead,
        String reason, ExpiryPolicyChange.Status status, String requestedBy, Instant requestedAt,
        @Schema(nullable = true) String decidedBy, @Schema(nullable = true) Instant decidedAt,
        @Schema(nullable = true) String decisionReason) {

    static ExpiryPolicyChangeResponse of(ExpiryPolicyChange c) {
        return new ExpiryPolicyChangeResponse(c.id(), c.enabled(), c.expiresAfterMonths(), c.warnDaysAhead(),
                c.reason(), c.status(), c.requestedBy(), c.requestedAt(), c.decidedBy(), c.decidedAt(),
                c.decisionReason());
    }
}
