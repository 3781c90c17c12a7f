package org.communitypoints.activity.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.activity.repository.ReportRepository;
import org.communitypoints.activity.repository.ReportRepository.Figures;
import org.communitypoints.activity.repository.ShiftRepository;
import org.communitypoints.activity.rest.ShiftViews.MonthlyFigures;
import org.communitypoints.activity.rest.ShiftViews.ShiftView;
import org.communitypoints.activity.rest.ShiftViews.VolunteerRecord;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.platform.web.Roles;

/** Read models: a resident's volunteer record and a community's monthly participation. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class RecordService {

    private final ShiftRepository shifts;
    private final ReportRepository reports;
    private final ShiftViewAssembler views;
    private final Caller caller;
    private final CommunityScope scope;

    public RecordService(ShiftRepository shifts, ReportRepository reports, ShiftViewAssembler views, Caller caller,
            CommunityScope scope) {
        this.scope = scope;
        this.shifts = shifts;
        this.reports = reports;
        this.views = views;
        this.caller = caller;
    }

    /**
     * A resident reads only their own record; grid workers and staff read any resident's record within
     * their own community (the shifts are filtered by the caller's community).
     */
    public VolunteerRecord record(String memberId) {
        boolean official = caller.hasRole(Roles.STAFF) || caller.hasRole(Roles.GRID_WORKER);
        if (!official && !memberId.equals(caller.id())) {
            throw ProblemException.forbidden("NOT_YOUR_RECORD", "You can only look at your own volunteer record.");
        }
        List<ShiftView> list = views.views(shifts.ofMember(memberId, caller.communityId()));
        List<ShiftView> counted = list.stream().filter(ShiftViewAssembler::counts).toList();
        long minutes = counted.stream().mapToLong(v -> v.currentMinutes()).sum();
        long points = counted.stream().mapToLong(v -> v.currentPoints()).sum();
        return new VolunteerRecord(memberId, counted.size(), minutes, hours(minutes), points, list);
    }

    public ShiftView shift(java.util.UUID id) {
        return views.view(scope.shift(id));
    }

    public MonthlyFigures monthly(String month) {
        YearMonth yearMonth;
        try {
            yearMonth = YearMonth.parse(month);
        } catch (DateTimeParseException | NullPointerException e) {
            throw ProblemException.badRequest("INVALID_MONTH", "Give the month as YYYY-MM, for example 2026-11.");
        }
        String community = caller.communityId();
        Figures f = reports.figures(community, yearMonth.atDay(1), yearMonth.plusMonths(1).atDay(1));
        return new MonthlyFigures(community, yearMonth.toString(), f.activeVolunteers(), f.shifts(), f.minutes(),
                hours(f.minutes()), f.points());
    }

    private static BigDecimal hours(long minutes) {
        return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
    }
}
