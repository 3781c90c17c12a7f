package org.communitypoints.points.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.communitypoints.points.domain.ExpiryPolicy;
import org.communitypoints.points.service.ExpiryPolicyService;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The community's expiry rule in force (all but {@code enabled} null while no rule was ever approved: expiry is off)
 * and its latest changes, newest first.
 *
 * @param expiresFrom the first run day on which the rule may expire anything
 */
public record ExpiryPolicyResponse(String communityId, boolean enabled,
        @Schema(nullable = true) Integer expiresAfterMonths, @Schema(nullable = true) Integer warnDaysAhead,
        @Schema(nullable = true) LocalDate expiresFrom, @Schema(nullable = true) String changedBy,
        @Schema(nullable = true) String approvedBy, @Schema(nullable = true) Instant changedAt,
        List<ExpiryPolicyChangeResponse> changes) {

    static ExpiryPolicyResponse of(ExpiryPolicyService.PolicyView v) {
        List<ExpiryPolicyChangeResponse> changes = v.changes().stream().map(ExpiryPolicyChangeResponse::of).toList();
        if (v.policy().isEmpty()) {
            return new ExpiryPolicyResponse(v.communityId(), false, null, null, null, null, null, null, changes);
        }
        ExpiryPolicy p = v.policy().get();
        return new ExpiryPolicyResponse(v.communityId(), p.enabled(), p.expiresAfterMonths(), p.warnDaysAhead(),
                p.expiresFrom(), p.changedBy(), p.approvedBy(), p.changedAt(), changes);
    }
}
