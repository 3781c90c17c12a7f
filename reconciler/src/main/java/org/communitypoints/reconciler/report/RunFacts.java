package org.communitypoints.reconciler.report;

import java.time.Instant;

import org.communitypoints.reconciler.run.RunState;

/**
 * What a run read, for the report's header.
 *
 * @param unconfirmedRequests the redemption requests points-service refused for want of confirmation, read this run
 * @param settlementSource where the partners' settlements came from: the settlement endpoint, or the
 *        redemption export when the endpoint refuses the service account
 */
public record RunFacts(
        String mode,
        Instant startedAt,
        long durationMillis,
        long postings,
        long postingsTotal,
        long shiftItems,
        long redemptions,
        long unconfirmedRequests,
        long balances,
        long settlements,
        String settlementSource,
        RunState.Cursors cursors) {
}
