package org.communitypoints.points.rest;

/**
 * A resident's balance and newest passbook lines together, each in the shape of its own read
 * ({@code GET /me/balance}, {@code GET /me/passbook}).
 */
public record PointsSummaryResponse(BalanceResponse balance, PassbookResponse passbook) {
}
