package org.communitypoints.activity.service;

import java.math.BigDecimal;
import java.time.YearMonth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.activity.repository.ShiftRepository;
import org.communitypoints.activity.repository.ShiftRepository.Totals;
import org.communitypoints.platform.web.Caller;

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

    /** Verified shifts served in the month (local dates), valued after corrections. */
    public MonthlyFigures monthly(YearMonth month) {
        String community = caller.communityId();
        Totals totals = shifts.totals(community, month.atDay(1), month.plusMonths(1).atDay(1));
        return new MonthlyFigures(community, month.toString(), totals.activeVolunteers(), totals.shifts(),
                totals.minutes(), Hours.of(totals.minutes()), totals.points());
    }
}
