package org.communitypoints.activity.service;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.activity.repository.ShiftRepository;
import org.communitypoints.activity.repository.ShiftRepository.Totals;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Problem;
import org.communitypoints.platform.web.ProblemException;

/** A community's participation figures for staff. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ReportService {

    private final ShiftRepository shifts;
    private final Caller caller;

    public ReportService(ShiftRepository shifts, Caller caller) {
        this.shifts = shifts;
        this.caller = caller;
    }

    public record MonthlyFigures(String communityId, String month, long activeVolunteers, long shifts, long minutes,
            BigDecimal hours, long pointsAwarded) {
    }

    /** What the community's verified shifts of one activity kind earned in a period. */
    public record KindFigures(UUID kindId, String code, String name, long shifts, long minutes, BigDecimal hours,
            long points) {
    }

    /** Points issued by activity kind over the months {@code from} to {@code to}, both included. */
    public record PointsByKind(String communityId, String from, String to, long totalPoints, List<KindFigures> kinds) {
    }

    /**
     * Points issued by activity kind for the months from {@code from} to {@code to} (both included, local dates of
     * the shifts served), counted as {@link #monthly} counts them: each verified shift at its current value after
     * corrections, a voided one not at all. So the kinds of a month add up to that month's {@code pointsAwarded}, and
     * a shift's net credit in points-service (its ShiftVerified points plus each ShiftCorrected difference) is counted
     * once, in the month it was served.
     */
    public PointsByKind pointsByKind(YearMonth from, YearMonth to) {
        if (to.isBefore(from)) {
            throw new ProblemException(400, "INVALID_MONTH_RANGE", "Bad Request",
                    "to (" + to + ") is before from (" + from + ").",
                    List.of(new Problem.FieldError("to", "not before from"))).withArgs(from.toString(), to.toString());
        }
        String community = caller.communityId();
        List<KindFigures> kinds = shifts.totalsByKind(community, from.atDay(1), to.plusMonths(1).atDay(1)).stream()
                .map(k -> new KindFigures(k.kindId(), k.code(), k.name(), k.shifts(), k.minutes(), Hours.of(k.minutes()),
                        k.points()))
                .toList();
        return new PointsByKind(community, from.toString(), to.toString(),
                kinds.stream().mapToLong(KindFigures::points).sum(), kinds);
    }

    /** Verified shifts served in the month (local dates), valued after corrections. */
    public MonthlyFigures monthly(YearMonth month) {
        String community = caller.communityId();
        Totals totals = shifts.totals(community, month.atDay(1), month.plusMonths(1).atDay(1));
        return new MonthlyFigures(community, month.toString(), totals.activeVolunteers(), totals.shifts(),
                totals.minutes(), Hours.of(totals.minutes()), totals.points());
    }
}
