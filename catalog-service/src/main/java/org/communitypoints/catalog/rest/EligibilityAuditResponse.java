package org.communitypoints.catalog.rest;

import java.time.Instant;
import java.util.List;

import org.communitypoints.catalog.domain.EligibilityCategory;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A page of the eligibility audit, newest first.
 *
 * @param nextBefore pass as {@code before} for the next page; absent on the last page
 */
public record EligibilityAuditResponse(List<Change> changes, @Schema(nullable = true) Long nextBefore) {

    /**
     * @param householdId empty until categories belong to households
     * @param action TAGGED or UNTAGGED
     * @param changedBy the staff member who made the change
     */
    public record Change(long id, String memberId, @Schema(nullable = true) String householdId,
            EligibilityCategory category, String action, String changedBy, Instant changedAt) {
    }
}
