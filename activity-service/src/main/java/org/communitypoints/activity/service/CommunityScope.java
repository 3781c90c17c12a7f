package org.communitypoints.activity.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.activity.config.ActivityConfig;
import org.communitypoints.activity.domain.Activity;
import org.communitypoints.activity.domain.ActivityKind;
import org.communitypoints.activity.domain.Shift;
import org.communitypoints.activity.repository.ActivityRepository;
import org.communitypoints.activity.repository.KindRepository;
import org.communitypoints.activity.repository.ShiftRepository;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemException;

/**
 * Loads what a path names, but only inside the caller's community: another community's ids answer 404
 * exactly like ids that do not exist, so they are not even confirmed.
 */
@ApplicationScoped
public class CommunityScope {

    private final Caller caller;
    private final ActivityRepository activities;
    private final KindRepository kinds;
    private final ShiftRepository shifts;
    private final ActivityConfig config;

    public CommunityScope(Caller caller, ActivityRepository activities, KindRepository kinds, ShiftRepository shifts,
            ActivityConfig config) {
        this.caller = caller;
        this.activities = activities;
        this.kinds = kinds;
        this.shifts = shifts;
        this.config = config;
    }

    public Activity activity(UUID id) {
        return activities.find(id).filter(a -> a.communityId.equals(caller.communityId()))
                .orElseThrow(() -> ProblemException.notFound("ACTIVITY_NOT_FOUND", "We could not find this activity."));
    }

    public ActivityKind kind(UUID id) {
        return kinds.find(id).filter(k -> k.communityId.equals(caller.communityId()))
                .orElseThrow(() -> ProblemException.notFound("KIND_NOT_FOUND", "We could not find this kind of activity."));
    }

    public Shift shift(UUID id) {
        return shifts.find(id).filter(s -> s.communityId.equals(caller.communityId()))
                .orElseThrow(CommunityScope::shiftNotFound);
    }

    /** The shift, row-locked for a change. */
    public Shift lockedShift(UUID id) {
        // Check the community before locking so that another community's rows are never locked from here.
        shift(id);
        return shifts.lock(id).orElseThrow(CommunityScope::shiftNotFound);
    }

    /**
     * A time a grid worker's phone reports (it may have been offline): not in the future beyond clock skew,
     * not older than the allowed backdating.
     */
    public Instant reportedTime(Instant reported, Instant now, String what) {
        if (reported == null) {
            return now;
        }
        if (reported.isAfter(now.plus(config.clockSkew()))) {
            throw ProblemException.unprocessable("TIME_IN_FUTURE",
                    "The " + what + " time lies in the future. Please check the phone's clock.");
        }
        if (reported.isBefore(now.minus(config.maxBackdating()))) {
            throw ProblemException.unprocessable("TIME_TOO_OLD",
                    "The " + what + " time is too long ago to record here. Please ask the community office.");
        }
        return reported;
    }

    private static ProblemException shiftNotFound() {
        return ProblemException.notFound("SHIFT_NOT_FOUND", "We could not find this shift.");
    }
}
