package org.communitypoints.points.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A community's expiry rule in force.
 *
 * @param expiresAfterMonths credits older than this lapse
 * @param warnDaysAhead residents are warned this many days before the month in which their points lapse
 * @param expiresFrom the first run day on which the rule may expire anything
 * @param changeId the approved change that set it
 */
public record ExpiryPolicy(String communityId, boolean enabled, int expiresAfterMonths, int warnDaysAhead,
        LocalDate expiresFrom, UUID changeId, String changedBy, String approvedBy, Instant changedAt) {

    /** Whether the rule expires anything on this run day. */
    public boolean expiresOn(LocalDate runDay) {
        return enabled && !runDay.isBefore(expiresFrom);
    }
}
