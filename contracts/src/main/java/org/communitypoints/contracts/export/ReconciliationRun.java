package org.communitypoints.contracts.export;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What one reconciler run found: the reconciler posts it to points-service ({@code POST
 * /api/points/reconciliation-runs}, Idempotency-Key = {@code runId}) and the staff console reads the latest
 * ({@code GET /api/points/reconciliation-runs/latest}) in exactly this shape.
 *
 * @param postingsChecked the journal postings the run read (an incremental run: those added since the last run)
 * @param checks every check the run made, with its own outcome and number of discrepancies
 * @param discrepancies each discrepancy found (the console's answer shows at most 200)
 */
public record ReconciliationRun(
        UUID runId,
        Instant startedAt,
        Instant finishedAt,
        Outcome outcome,
        long postingsChecked,
        List<Check> checks,
        List<Finding> discrepancies) {

    /** How a run, or one of its checks, ended. */
    public enum Outcome {
        /** Nothing wrong. */
        CLEAN,
        /** At least one discrepancy. */
        DISCREPANCIES,
        /** The run could not reach a verdict (an export unreachable, say); nothing was concluded. */
        FAILED
    }

    /** One check of the run: {@code chain}, {@code seals}, {@code ledger}, {@code shifts}, {@code redemptions}... */
    public record Check(String name, Outcome outcome, long discrepancies) {
    }

    /**
     * One discrepancy.
     *
     * @param check the name of the check that found it
     * @param communityId the community it concerns; null when the export did not say (an account known by id only)
     * @param subject what it concerns, for a person: {@code transaction 8f0c…}, {@code shift …}, {@code account 42}
     * @param detail what is wrong and what the books say instead
     */
    public record Finding(String check, String communityId, String subject, String detail) {
    }
}
