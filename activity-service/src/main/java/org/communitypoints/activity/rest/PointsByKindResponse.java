package org.communitypoints.activity.rest;

import java.util.List;

/**
 * Points issued by activity kind over the months {@code from} to {@code to} (both included): every kind of the
 * community, most points first; {@code totalPoints} is their sum.
 */
public record PointsByKindResponse(String communityId, String from, String to, long totalPoints,
        List<KindPointsResponse> kinds) {
}
