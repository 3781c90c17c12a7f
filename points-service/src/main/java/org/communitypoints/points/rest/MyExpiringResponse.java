package org.communitypoints.points.rest;

/**
 * The resident's points that lapse by the end of {@code by} if nothing changes: what they may donate to the pool.
 *
 * @param by a month, {@code YYYY-MM}
 */
public record MyExpiringResponse(String memberId, long points, String by) {
}
