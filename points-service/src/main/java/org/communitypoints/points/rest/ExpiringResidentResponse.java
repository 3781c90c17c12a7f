package org.communitypoints.points.rest;

import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A resident who loses points in the month if nothing changes.
 *
 * @param displayName from the registry copy; null when the copy does not know the resident
 * @param elderly 60 or older, from the registry copy: a grid worker calls them
 * @param earnedFrom when the oldest of the points were earned
 * @param earnedUntil when the newest of them were earned
 */
public record ExpiringResidentResponse(String memberId, @Schema(nullable = true) String displayName, boolean elderly,
        long points, LocalDate earnedFrom, LocalDate earnedUntil) {
}
