package org.communitypoints.activity.service;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.activity.domain.Shift;
import org.communitypoints.activity.domain.ShiftCorrection;
import org.communitypoints.activity.domain.ShiftStatus;
import org.communitypoints.activity.repository.ActivityRepository;
import org.communitypoints.activity.repository.ShiftRepository;
import org.communitypoints.activity.rest.ShiftViews.CorrectionView;
import org.communitypoints.activity.rest.ShiftViews.ShiftView;

/** Turns shift rows and their corrections into the API's view, with the current value after corrections. */
@ApplicationScoped
public class ShiftViewAssembler {

    private final ShiftRepository shifts;
    private final ActivityRepository activities;

    public ShiftViewAssembler(ShiftRepository shifts, ActivityRepository activities) {
        this.shifts = shifts;
        this.activities = activities;
    }

    public ShiftView view(Shift shift) {
        return views(List.of(shift)).get(0);
    }

    public List<ShiftView> views(List<Shift> list) {
        Map<UUID, List<ShiftCorrection>> corrections = shifts.corrections(list.stream().map(s -> s.id).toList());
        Map<UUID, String> titles = new HashMap<>();
        return list.stream().map(s -> view(s,
                titles.computeIfAbsent(s.activityId, id -> activities.find(id).map(a -> a.title).orElse(null)),
                corrections.getOrDefault(s.id, List.of()))).toList();
    }

    static ShiftView view(Shift s, String title, List<ShiftCorrection> corrections) {
        ShiftCorrection latest = corrections.stream().max(Comparator.comparingInt(c -> c.sequence)).orElse(null);
        Integer currentMinutes = latest != null ? Integer.valueOf(latest.correctedMinutes) : s.minutes;
        Long currentPoints = latest != null ? Long.valueOf(latest.correctedPoints) : s.points;
        return new ShiftView(s.id, s.activityId, title, s.memberId, s.walkIn, s.status, s.startedAt, s.endedAt,
                s.minutes, s.servedOn, s.points, s.ruleVersion, currentMinutes, currentPoints, s.recordedBy,
                s.verifiedBy, s.verifiedAt, s.rejectedBy, s.rejectionReason,
                corrections.stream().map(CorrectionView::of).toList());
    }

    /** Counts for totals: verified shifts at their current value; voided ones are worth nothing. */
    static boolean counts(ShiftView view) {
        return view.status() == ShiftStatus.VERIFIED;
    }
}
