package org.communitypoints.points.domain;

import java.time.Instant;
import java.util.UUID;

/** A change of a community's expiry rule that staff asked for: pending until a second staff member decides it. */
public record ExpiryPolicyChange(UUID id, String communityId, boolean enabled, int expiresAfterMonths,
        int warnDaysAhead, String reason, ExpiryPolicyChange.Status status, String requestedBy, Instant requestedAt,
        String decidedBy, Instant decidedAt, String decisionReason) {

    public enum Status {
        PENDING,
        APPLIED,
        REJECTED
    }
}
