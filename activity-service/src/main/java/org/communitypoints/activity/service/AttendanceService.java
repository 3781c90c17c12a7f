package org.communitypoints.activity.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.activity.config.ActivityConfig;
import org.communitypoints.activity.domain.Activity;
import org.communitypoints.activity.domain.Attendance;
import org.communitypoints.activity.repository.ActivityRepository;
import org.communitypoints.activity.repository.AttendanceRepository;
import org.communitypoints.platform.data.membership.Membership;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemException;

/**
 * The volunteer's own confirmation of presence: the grid worker shows the activity's rotating check-in code, the
 * resident scans it with their phone. That makes the resident the second person for the shifts recorded for them
 * at the activity (maker-checker), so a grid worker alone cannot credit points to a resident who was not there.
 */
@ApplicationScoped
@Transactional
public class AttendanceService {

    /** Older windows than this are "expired" rather than "wrong": the resident scanned a stale screen or photo. */
    private static final int EXPIRED_WINDOWS = 30;

    private final ActivityRepository activities;
    private final AttendanceRepository attendances;
    private final VerificationService verification;
    private final Caller caller;
    private final Membership membership;
    private final ActivityConfig config;

    public AttendanceService(ActivityRepository activities, AttendanceRepository attendances,
            VerificationService verification, Caller caller, ActivityConfig config, Membership membership) {
        this.activities = activities;
        this.attendances = attendances;
        this.verification = verification;
        this.caller = caller;
        this.config = config;
        this.membership = membership;
    }

    /**
     * The code to show now.
     *
     * @param validUntil when the screen should show the next code
     * @param acceptedUntil until when a resident may still type or scan this one (one window of grace)
     */
    public record CheckInCode(UUID activityId, String code, Instant validFrom, Instant validUntil,
            Instant acceptedUntil) {
    }

    /**
     * @param firstConfirmation false when the resident had already checked in (a repeated scan changes nothing)
     * @param verifiedShifts the shifts this confirmation verified (those whose recorder was waiting for it)
     */
    public record AttendanceResult(UUID activityId, String memberId, Instant confirmedAt, boolean firstConfirmation,
            List<ShiftDetails> verifiedShifts) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CheckInCode code(UUID activityId) {
        Activity activity = activity(activityId);
        Duration period = config.checkInCodePeriod();
        long window = CheckInCodes.window(Instant.now(), period);
        String code = CheckInCodes.code(activities.checkInSecret(activity.id), window);
        return new CheckInCode(activity.id, code, CheckInCodes.windowStart(window, period),
                CheckInCodes.windowStart(window + 1, period), CheckInCodes.windowStart(window + 2, period));
    }

    /**
     * Records that the calling resident was at the activity (once; a repeated scan answers the same), and verifies
     * the shifts recorded for them there that wait for a second person.
     */
    public AttendanceResult confirm(UUID activityId, String code) {
        membership.requireActiveSelf(caller.communityId(), caller.id());
        membership.requireVolunteer(caller.communityId(), caller.id());
        Activity activity = activity(activityId);
        Instant now = Instant.now();
        Duration tolerance = config.shiftWindowTolerance();
        if (now.isBefore(activity.startsAt.minus(tolerance)) || now.isAfter(activity.endsAt.plus(tolerance))) {
            throw ProblemException.conflict("CHECK_IN_CLOSED",
                    "Checking in with the code is possible only while the activity is on.");
        }
        checkCode(activity, code, now);
        Attendance attendance = new Attendance();
        attendance.activityId = activity.id;
        attendance.memberId = caller.id();
        attendance.communityId = activity.communityId;
        attendance.confirmedAt = now;
        boolean first = attendances.insert(attendance);
        Attendance recorded = attendances.of(activity.id, caller.id()).orElseThrow();
        List<ShiftDetails> verified = verification.verifyConfirmed(activity, recorded, now);
        return new AttendanceResult(activity.id, recorded.memberId, recorded.confirmedAt, first, verified);
    }

    private void checkCode(Activity activity, String code, Instant now) {
        Duration period = config.checkInCodePeriod();
        byte[] secret = activities.checkInSecret(activity.id);
        long current = CheckInCodes.window(now, period);
        if (CheckInCodes.matches(CheckInCodes.code(secret, current), code)
                || CheckInCodes.matches(CheckInCodes.code(secret, current - 1), code)) {
            return;
        }
        for (long older = current - 2; older >= current - EXPIRED_WINDOWS; older--) {
            if (CheckInCodes.matches(CheckInCodes.code(secret, older), code)) {
                throw ProblemException.conflict("CHECK_IN_CODE_EXPIRED",
                        "This check-in code has expired. Please scan the code on the screen again.");
            }
        }
        throw ProblemException.badRequest("CHECK_IN_CODE_INVALID",
                "This is not the activity's check-in code. Please scan the code on the screen again.");
    }

    private Activity activity(UUID id) {
        return activities.findInCommunity(id, caller.communityId()).orElseThrow(NotFound::activity);
    }
}
