package org.communitypoints.contracts.events;

import java.time.LocalDate;

import org.communitypoints.contracts.ContractEvent;

/**
 * Some of the resident's points will lapse in a coming month unless they are spent or donated: sent once per resident
 * per month, when the community's warning window for that month opens, so the resident (or the grid worker who calls
 * on them) hears of it ahead.
 *
 * @param points what lapses during the month if nothing changes: unspent, unheld points earned before the month's end
 *        less the community's expiry period
 * @param expiryMonth the first day of the month in which the points lapse (the residents' time zone)
 * @param earnedFrom the day the oldest of those points were earned
 * @param earnedUntil the day the newest of them were earned
 */
public record PointsExpiring(
        String memberId,
        long points,
        LocalDate expiryMonth,
        LocalDate earnedFrom,
        LocalDate earnedUntil) implements ContractEvent {
}
