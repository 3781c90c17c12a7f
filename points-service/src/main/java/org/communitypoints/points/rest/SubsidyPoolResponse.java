package org.communitypoints.points.rest;

/**
 * The community's subsidy pool and its month ({@code yyyy-MM} in the residents' time zone).
 *
 * @param balance posted points in the pool
 * @param reserved subsidy set aside by redemptions not yet fulfilled
 * @param available what new redemptions can still be subsidised with: balance minus reserved
 * @param budget the most that may be moved into the pool this month
 * @param funded approved fundings of this month
 * @param pending fundings of this month waiting for a second staff member (they count against the budget)
 * @param remainingBudget budget minus funded minus pending
 * @param spent subsidy paid to partners this month
 */
public record SubsidyPoolResponse(String communityId, String month, long balance, long reserved, long available,
        long budget, long funded, long pending, long remainingBudget, long spent) {
}
