package org.communitypoints.activity.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.activity.config.ActivityConfig;
import org.communitypoints.activity.domain.Activity;
import org.communitypoints.activity.domain.Shift;
import org.communitypoints.activity.domain.ShiftStatus;
import org.communitypoints.activity.repository.ShiftRepository;
import org.communitypoints.activity.repository.SignUpRepository;
import org.communitypoints.activity.rest.ShiftRequests.Bulk;
import org.communitypoints.activity.rest.ShiftRequests.BulkEntry;
import org.communitypoints.activity.rest.ShiftRequests.CheckIn;
import org.communitypoints.activity.rest.ShiftRequests.CheckOut;
import org.communitypoints.activity.rest.ShiftViews.BulkResult;
import org.communitypoints.activity.rest.ShiftViews.ShiftView;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.IdempotentRequests.Outcome;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemException;

/**
 * What grid workers record at the door: check-in and check-out, walk-ins and a whole activity at once.
 * Every write runs under the caller's Idempotency-Key, so a phone retrying over a weak network gets the
 * first answer back instead of a second shift.
 */
@ApplicationScoped
@Transactional
public class RecordingService {

    private final ShiftRepository shifts;
    private final SignUpRepository signUps;
    private final CommunityScope scope;
    private final VerificationService verification;
    private final ShiftViewAssembler views;
    private final Caller caller;
    private final IdempotentRequests idempotent;
    private final ActivityConfig config;

    public RecordingService(ShiftRepository shifts, SignUpRepository signUps, CommunityScope scope,
            VerificationService verification, ShiftViewAssembler views, Caller caller, IdempotentRequests idempotent,
            ActivityConfig config) {
        this.shifts = shifts;
        this.signUps = signUps;
        this.scope = scope;
        this.verification = verification;
        this.views = views;
        this.caller = caller;
        this.idempotent = idempotent;
        this.config = config;
    }

    public Outcome<ShiftView> checkIn(UUID activityId, CheckIn request, String idempotencyKey) {
        return idempotent.once("check-in:" + activityId, caller.id(), idempotencyKey, request, ShiftView.class, () -> {
            Activity activity = scope.activity(activityId);
            Instant now = Instant.now();
            Instant at = scope.reportedTime(request.at(), now, "check-in");
            Shift shift = record(activity, request.memberId(), request.walkIn(), at, null, now, null);
            return views.view(shift);
        });
    }

    public Outcome<ShiftView> checkOut(UUID shiftId, CheckOut request, String idempotencyKey) {
        CheckOut body = request == null ? new CheckOut(null) : request;
        return idempotent.once("check-out:" + shiftId, caller.id(), idempotencyKey, body, ShiftView.class, () -> {
            Shift shift = scope.lockedShift(shiftId);
            if (shift.status != ShiftStatus.CHECKED_IN) {
                throw ProblemException.conflict("NOT_CHECKED_IN", "This volunteer is not checked in (any more).");
            }
            Instant at = scope.reportedTime(body.at(), Instant.now(), "check-out");
            if (!at.isAfter(shift.startedAt)) {
                throw ProblemException.unprocessable("CHECK_OUT_BEFORE_CHECK_IN",
                        "The check-out time must be after the check-in time.");
            }
            shift.endedAt = at;
            shift.minutes = minutes(shift.startedAt, at);
            shift.status = ShiftStatus.RECORDED;
            shifts.flush();
            return views.view(shift);
        });
    }

    /**
     * Records a whole activity in one request, all or nothing: one refused entry (overlap, not signed up,
     * bad times) refuses the lot, naming the entry. With {@code verify} the shifts are verified at once.
     */
    public Outcome<BulkResult> bulk(UUID activityId, Bulk request, String idempotencyKey) {
        return idempotent.once("bulk:" + activityId, caller.id(), idempotencyKey, request, BulkResult.class, () -> {
            Activity activity = scope.activity(activityId);
            Instant now = Instant.now();
            List<ShiftView> recorded = new ArrayList<>(request.entries().size());
            for (int i = 0; i < request.entries().size(); i++) {
                BulkEntry entry = request.entries().get(i);
                String where = "entry " + (i + 1) + " (" + entry.memberId() + ")";
                Instant start = entry.startedAt() == null ? activity.startsAt : entry.startedAt();
                Instant end = entry.endedAt() == null ? activity.endsAt : entry.endedAt();
                if (!end.isAfter(start)) {
                    throw ProblemException.unprocessable("INVALID_SHIFT_TIMES",
                            where + ": the shift must end after it starts.");
                }
                scope.reportedTime(start, now, where + " start");
                scope.reportedTime(end, now, where + " end");
                Shift shift = record(activity, entry.memberId(), entry.walkIn(), start, end, now, where);
                if (request.verify()) {
                    verification.verifyRecorded(shift, activity, now);
                }
                recorded.add(views.view(shift));
            }
            return new BulkResult(activity.id, recorded);
        });
    }

    /** @param end null for a check-in that stays open until check-out */
    private Shift record(Activity activity, String memberId, boolean walkIn, Instant start, Instant end, Instant now,
            String where) {
        String prefix = where == null ? "" : where + ": ";
        boolean signedUp = signUps.isSignedUp(activity.id, memberId);
        if (!signedUp && !walkIn) {
            throw ProblemException.conflict("NOT_SIGNED_UP", prefix
                    + "this resident did not sign up for the activity. Record them as a walk-in volunteer instead.");
        }
        Shift shift = new Shift();
        shift.id = UUID.randomUUID();
        shift.communityId = activity.communityId;
        shift.activityId = activity.id;
        shift.kindId = activity.kindId;
        shift.memberId = memberId;
        shift.walkIn = !signedUp;
        shift.status = end == null ? ShiftStatus.CHECKED_IN : ShiftStatus.RECORDED;
        shift.startedAt = start;
        shift.endedAt = end;
        shift.minutes = end == null ? null : minutes(start, end);
        shift.servedOn = start.atZone(config.zone()).toLocalDate();
        shift.recordedBy = caller.id();
        shift.recordedAt = now;
        if (!shifts.insert(shift)) {
            throw ProblemException.conflict("SHIFT_OVERLAP", prefix
                    + "this resident already has a shift at an overlapping time (or is still checked in elsewhere).");
        }
        return shifts.find(shift.id).orElseThrow();
    }

    private static int minutes(Instant start, Instant end) {
        return Math.toIntExact(Duration.between(start, end).toMinutes());
    }
}
