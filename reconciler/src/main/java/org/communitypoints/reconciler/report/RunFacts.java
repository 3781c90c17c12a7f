package org.communitypoints.reconciler.report;

import java.time.Instant;

import org.communitypoints.reconciler.run.RunState;

/** What a run read, for the report's header. */
public record RunFacts(
        String mode,
        Instant startedAt,
        long durationMillis,
        long postings,
        long postingsTotal,
        long shiftItems,
        long redemptions,
        long balances,
        long settlements,
        RunState.Cursors cursors) {
}
