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
import org.communitypoints.activity.repository.ActivityRepository;
import org.communitypoints.activity.repository.ShiftRepository;
import org.communitypoints.activity.repository.SignUpRepository;
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
    private final ActivityRepository activities;
    private final VerificationService verification;
    private final ShiftDetailsService details;
    private final Caller caller;
    private final IdempotentRequests idempotent;
    private final ActivityConfig config;

    public RecordingService(ShiftRepository shifts, SignUpRepository signUps, ActivityRepository activities,
            VerificationService verification, ShiftDetailsService details, Caller caller, IdempotentRequests idempotent,
            ActivityConfig config) {
        this.shifts = shifts;
        this.signUps = signUps;
        this.activities = activities;
        this.verification = verification;
        this.details = details;
        this.caller = caller;
        this.idempotent = idempotent;
        this.config = config;
    }

    /**
     * @param walkIn true for a volunteer who did not sign up beforehand
     * @param at the time the phone noted, or null for now
     */
    public record CheckIn(String memberId, boolean walkIn, Instant at) {
    }

    /** @param at the time the phone noted, or null for now */
    public record CheckOut(Instant at) {
    }

    /** @param verify also verify every recorded shift in the same transaction */
    public record Bulk(List<BulkEntry> entries, boolean verify) {
    }

    /** Times null default to the activity's start and end. */
    public record BulkEntry(String memberId, Instant startedAt, Instant endedAt, boolean walkIn) {
    }

    public record BulkResult(UUID activityId, List<ShiftDetails> shifts) {
    }

    public Outcome<ShiftDetails> checkIn(UUID activityId, CheckIn command, String idempotencyKey) {
        return idempotent.once("check-in:" + activityId, caller.id(), idempotencyKey, command, ShiftDetails.class,
                () -> {
                    Activity activity = activity(activityId);
                    Instant now = Instant.now();
                    Instant at = reportedTime(command.at(), now, "check-in", null, null);
                    Shift shift = record(activity, command.memberId(), command.walkIn(), at, null, now, null);
                    return details.of(shift);
                });
    }

    public Outcome<ShiftDetails> checkOut(UUID shiftId, CheckOut command, String idempotencyKey) {
        return idempotent.once("check-out:" + shiftId, caller.id(), idempotencyKey, command, ShiftDetails.class,
                () -> {
                    Shift shift = shifts.lockInCommunity(shiftId, caller.communityId()).orElseThrow(NotFound::shift);
                    if (shift.status != ShiftStatus.CHECKED_IN) {
                        throw ProblemException.conflict("NOT_CHECKED_IN", "This volunteer is not checked in (any more).");
                    }
                    Instant at = reportedTime(command.at(), Instant.now(), "check-out", null, null);
                    if (!at.isAfter(shift.startedAt)) {
                        throw ProblemException.unprocessable("CHECK_OUT_BEFORE_CHECK_IN",
                                "The check-out time must be after the check-in time.");
                    }
                    shift.endedAt = at;
                    shift.minutes = minutes(shift.startedAt, at);
                    shift.status = ShiftStatus.RECORDED;
                    shifts.flush();
                    return details.of(shift);
                });
    }

    /**
     * Records a whole activity in one request, all or nothing: one refused entry (overlap, not signed up,
     * bad times) refuses the lot, naming the entry. With {@code verify} the shifts are verified at once.
     */
    public Outcome<BulkResult> bulk(UUID activityId, Bulk command, String idempotencyKey) {
        return idempotent.once("bulk:" + activityId, caller.id(), idempotencyKey, command, BulkResult.class, () -> {
            Activity activity = activity(activityId);
            Instant now = Instant.now();
            List<ShiftDetails> recorded = new ArrayList<>(command.entries().size());
            for (int i = 0; i < command.entries().size(); i++) {
                BulkEntry entry = command.entries().get(i);
                int number = i + 1;
                String where = "entry " + number + " (" + entry.memberId() + ")";
                Instant start = entry.startedAt() == null ? activity.startsAt : entry.startedAt();
                Instant end = entry.endedAt() == null ? activity.endsAt : entry.endedAt();
                if (!end.isAfter(start)) {
                    throw ProblemException.unprocessable("INVALID_SHIFT_TIMES",
                            where + ": the shift must end after it starts.").withArgs(number, entry.memberId());
                }
                reportedTime(start, now, where + " start", number, entry.memberId());
                reportedTime(end, now, where + " end", number, entry.memberId());
                Shift shift = record(activity, entry.memberId(), entry.walkIn(), start, end, now, number);
                if (command.verify()) {
                    verification.verifyRecorded(shift, activity, now);
                }
                recorded.add(details.of(shift));
            }
            return new BulkResult(activity.id, recorded);
        });
    }

    /**
     * @param end null for a check-in that stays open until check-out
     * @param entry the bulk entry's number, named in a refusal; null for a single check-in
     */
    private Shift record(Activity activity, String memberId, boolean walkIn, Instant start, Instant end, Instant now,
            Integer entry) {
        String prefix = entry == null ? "" : "entry " + entry + " (" + memberId + "): ";
        boolean signedUp = signUps.isSignedUp(activity.id, memberId);
        if (!signedUp && !walkIn) {
            throw ProblemException.conflict("NOT_SIGNED_UP", prefix
                    + "this resident did not sign up for the activity. Record them as a walk-in volunteer instead.")
                    .withMessage(entry == null ? "NOT_SIGNED_UP.check-in" : "NOT_SIGNED_UP.entry", entry, memberId);
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
                    + "this resident already has a shift at an overlapping time (or is still checked in elsewhere).")
                    .withMessage(entry == null ? "SHIFT_OVERLAP" : "SHIFT_OVERLAP.entry", entry, memberId);
        }
        return shifts.findById(shift.id);
    }

    /**
     * A time a grid worker's phone reports (it may have been offline): not in the future beyond clock skew,
     * not older than the allowed backdating. Null means now.
     *
     * @param entry the bulk entry's number, named in a refusal; null for a single check-in or check-out
     */
    private Instant reportedTime(Instant reported, Instant now, String what, Integer entry, String memberId) {
        if (reported == null) {
            return now;
        }
        if (reported.isAfter(now.plus(config.clockSkew()))) {
            throw ProblemException.unprocessable("TIME_IN_FUTURE",
                    "The " + what + " time lies in the future. Please check the phone's clock.")
                    .withMessage(entry == null ? "TIME_IN_FUTURE" : "TIME_IN_FUTURE.entry", entry, memberId);
        }
        if (reported.isBefore(now.minus(config.maxBackdating()))) {
            throw ProblemException.unprocessable("TIME_TOO_OLD",
                    "The " + what + " time is too long ago to record here. Please ask the community office.")
                    .withMessage(entry == null ? "TIME_TOO_OLD" : "TIME_TOO_OLD.entry", entry, memberId);
        }
        return reported;
    }

    private Activity activity(UUID id) {
        return activities.findInCommunity(id, caller.communityId()).orElseThrow(NotFound::activity);
    }

    private static int minutes(Instant start, Instant end) {
        return Math.toIntExact(Duration.between(start, end).toMinutes());
    }
}
