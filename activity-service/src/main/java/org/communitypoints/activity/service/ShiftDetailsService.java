package org.communitypoints.activity.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.activity.domain.Activity;
import org.communitypoints.activity.domain.Shift;
import org.communitypoints.activity.domain.ShiftCorrection;
import org.communitypoints.activity.repository.ActivityRepository;
import org.communitypoints.activity.repository.ShiftCorrectionRepository;

/**
 * Reads what a shift is worth now: the shift with its corrections and its activity's title, for every
 * service that answers with shifts. Runs in the caller's transaction.
 */
@ApplicationScoped
public class ShiftDetailsService {

    private final ShiftCorrectionRepository corrections;
    private final ActivityRepository activities;

    public ShiftDetailsService(ShiftCorrectionRepository corrections, ActivityRepository activities) {
        this.corrections = corrections;
        this.activities = activities;
    }

    public ShiftDetails of(Shift shift) {
        return of(List.of(shift)).get(0);
    }

    public List<ShiftDetails> of(List<Shift> shifts) {
        Map<UUID, List<ShiftCorrection>> byShift = corrections.ofShifts(shifts.stream().map(s -> s.id).toList());
        Map<UUID, String> titles = new HashMap<>();
        return shifts.stream().map(s -> ShiftDetails.of(s,
                titles.computeIfAbsent(s.activityId,
                        id -> activities.findByIdOptional(id).map((Activity a) -> a.title).orElse(null)),
                byShift.getOrDefault(s.id, List.of()))).toList();
    }
}
