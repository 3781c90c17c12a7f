package org.communitypoints.points.rest;

import java.util.List;

/** Who in the community loses how many points in the month, most first, and the totals. */
public record ExpiringListResponse(String communityId, String month, int residents, long points,
        List<ExpiringResidentResponse> items) {
}
