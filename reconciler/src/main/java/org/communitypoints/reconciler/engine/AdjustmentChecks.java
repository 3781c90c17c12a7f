package org.communitypoints.reconciler.engine;

import static org.communitypoints.reconciler.engine.Discrepancy.ids;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.communitypoints.reconciler.config.ReconcilerConfig;
import org.communitypoints.reconciler.model.AccountType;
import org.communitypoints.reconciler.model.LedgerPosting;
import org.communitypoints.reconciler.model.Movement;

/**
 * Staff adjustments, pool fundings and reversals against the bounds points-service enforces when staff ask for them:
 * at most {@link Bounds#maxPoints()} an adjustment, a second staff member above {@link Bounds#approvalThreshold()}
 * (adjustments and reversals) and for every pool funding, never for oneself, and at most {@link Bounds#dailyLimitPerStaff()} a
 * day booked alone. The
 * service refuses what breaks them; a transaction in the journal that breaks them was booked past the service (by
 * someone with the ledger's database password, say), and this reports it from the journal alone.
 *
 * <p>
 * The day bound counts only the adjustments booked without a second person, on the day they were booked: those are
 * booked when they are asked for, so they are exactly what the service's daily limit let through. One that waited for
 * an approver is booked on the approval's day and had a second person; it is not counted.
 */
public final class AdjustmentChecks {

    /** How many days of sums below the limit are kept: adjustments of a day are exported within seconds of it. */
    private static final int DAYS_KEPT = 2;

    /** points-service's {@code points.adjustment.*}, and the zone whose days the daily limit counts. */
    public record Bounds(long maxPoints, long dailyLimitPerStaff, long approvalThreshold, ZoneId zone) {

        public static Bounds of(ReconcilerConfig.AdjustmentBounds config, ZoneId zone) {
            return new Bounds(config.maxPoints(), config.dailyLimitPerStaff(), config.approvalThreshold(), zone);
        }
    }

    private final Map<String, EngineState.Finding> findings;
    private final Map<String, Long> adjustedAlone;
    private final Bounds bounds;

    AdjustmentChecks(EngineState state, Bounds bounds) {
        this.findings = state.adjustmentFindings();
        this.adjustedAlone = state.adjustedAlone();
        this.bounds = bounds;
    }

    void posting(LedgerPosting p) {
        if (p.pending()) {
            return;
        }
        if (p.movement() == Movement.ADJUSTMENT && p.accountType() == AccountType.RESIDENT) {
            adjustment(p);
        } else if (p.movement() == Movement.REVERSAL && p.accountType() == AccountType.RESIDENT) {
            reversal(p);
        } else if (p.movement() == Movement.POOL_FUNDING && p.amount() > 0 && !secondPerson(p)) {
            // the pool's leg (the issuance account gives): a funding always needs a second staff member
            found(p, DiscrepancyType.ADJUSTMENT_WITHOUT_SECOND_PERSON, "approved by a staff member other than its maker",
                    approval(p));
        }
    }

    private void adjustment(LedgerPosting p) {
        long size = Math.abs(p.amount());
        if (size > bounds.maxPoints()) {
            found(p, DiscrepancyType.ADJUSTMENT_OVER_LIMIT, "at most " + bounds.maxPoints() + " points",
                    p.amount() + " points");
        }
        if (size > bounds.approvalThreshold() && !secondPerson(p)) {
            found(p, DiscrepancyType.ADJUSTMENT_WITHOUT_SECOND_PERSON,
                    "approved by a second staff member (above " + bounds.approvalThreshold() + " points)",
                    p.amount() + " points, " + approval(p));
        }
        if (forOneself(p)) {
            found(p, DiscrepancyType.ADJUSTMENT_FOR_ONESELF, "an adjustment for a resident other than its maker and checker",
                    "for " + p.ownerId() + ", made by " + p.actor() + ", " + approval(p));
        }
        if (p.approvedBy() == null) {
            adjustedAlone.merge(day(p) + "/" + p.communityId() + "/" + p.actor(), size, Long::sum);
        }
    }

    /**
     * A reversal moves a resident's points as an adjustment does (points-service V107): above the threshold, either
     * way, with a second staff member; never on the maker's or checker's own points. Reversals are not bounded in
     * size (a large wrong credit must be undoable) nor counted in the day's sum.
     */
    private void reversal(LedgerPosting p) {
        if (Math.abs(p.amount()) > bounds.approvalThreshold() && !secondPerson(p)) {
            found(p, DiscrepancyType.ADJUSTMENT_WITHOUT_SECOND_PERSON,
                    "a reversal approved by a second staff member (above " + bounds.approvalThreshold() + " points)",
                    p.amount() + " points reversed, " + approval(p));
        }
        if (forOneself(p)) {
            found(p, DiscrepancyType.ADJUSTMENT_FOR_ONESELF, "a reversal on a resident other than its maker and checker",
                    "for " + p.ownerId() + ", made by " + p.actor() + ", " + approval(p));
        }
    }

    private static boolean forOneself(LedgerPosting p) {
        return p.ownerId() != null && (p.ownerId().equals(p.actor()) || p.ownerId().equals(p.approvedBy()));
    }

    private static boolean secondPerson(LedgerPosting p) {
        return p.approvedBy() != null && !p.approvedBy().equals(p.actor());
    }

    private static String approval(LedgerPosting p) {
        return p.approvedBy() == null ? "approved by nobody" : "approved by " + p.approvedBy();
    }

    private LocalDate day(LedgerPosting p) {
        return p.postedAt() == null ? LocalDate.EPOCH : LocalDate.ofInstant(p.postedAt(), bounds.zone());
    }

    private void found(LedgerPosting p, DiscrepancyType type, String expected, String actual) {
        findings.put(p.transactionId() + "/" + type, EngineState.Finding.of(p, type, expected, actual));
    }

    /** Drops the sums of days long past that stayed within the limit; a day over it is kept and reported every run. */
    void forgetOldDays() {
        // keys start with the ISO day, so they sort by day
        String newest = adjustedAlone.keySet().stream().max(String::compareTo).orElse(null);
        if (newest == null) {
            return;
        }
        String keepFrom = LocalDate.parse(newest.substring(0, newest.indexOf('/'))).minusDays(DAYS_KEPT).toString();
        adjustedAlone.entrySet()
                .removeIf(e -> e.getKey().compareTo(keepFrom) < 0 && e.getValue() <= bounds.dailyLimitPerStaff());
    }

    void finish(List<Discrepancy> found) {
        findings.forEach((key, f) -> found.add(new Discrepancy(f.type,
                ids("transactionId", key.substring(0, key.indexOf('/')), "accountId", f.accountId, "ownerId", f.ownerId,
                        "communityId", f.communityId),
                f.expected, f.actual,
                "Ask the staff named why this was booked past the service's controls; if it should not stand, undo it"
                        + " (an adjustment by its reversal, a reversal by an adjustment), each approved by a second staff"
                        + " member, and find who can write the ledger's database directly.")));
        adjustedAlone.forEach((key, points) -> {
            if (points > bounds.dailyLimitPerStaff()) {
                String[] dayCommunityStaff = key.split("/", 3);
                found.add(new Discrepancy(DiscrepancyType.ADJUSTED_ALONE_OVER_DAILY_LIMIT,
                        ids("day", dayCommunityStaff[0], "communityId", dayCommunityStaff[1], "staffId",
                                dayCommunityStaff[2]),
                        "at most " + bounds.dailyLimitPerStaff() + " points adjusted alone", points + " points",
                        "Ask the staff member about that day's adjustments; the service allows no more than the limit,"
                                + " so these were booked past it."));
            }
        });
    }
}
