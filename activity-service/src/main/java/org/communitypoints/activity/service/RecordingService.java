package org.communitypoints.activity.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.activity.config.ActivityConfig;
import org.communitypoints.activity.domain.Activity;
import org.communitypoints.activity.domain.AuditAction;
import org.communitypoints.activity.domain.Shift;
import org.communitypoints.activity.domain.ShiftAuditEntry;
import org.communitypoints.activity.domain.ShiftStatus;
import org.communitypoints.activity.repository.ActivityRepository;
import org.communitypoints.activity.repository.ShiftAuditRepository;
import org.communitypoints.activity.repository.ShiftRepository;
import org.communitypoints.activity.repository.SignUpRepository;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.IdempotentRequests.Outcome;
import org.communitypoints.platform.data.membership.Membership;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.platform.web.Roles;

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
    private final Membership membership;
    private final IdempotentRequests idempotent;
    private final ShiftAuditRepository audit;
    private final ActivityConfig config;

    public RecordingService(ShiftRepository shifts, SignUpRepository signUps, ActivityRepository activities,
            VerificationService verification, ShiftDetailsService details, Caller caller, IdempotentRequests idempotent,
            ShiftAuditRepository audit, ActivityConfig config, Membership membership) {
        this.shifts = shifts;
        this.signUps = signUps;
        this.activities = activities;
        this.verification = verification;
        this.details = details;
        this.caller = caller;
        this.idempotent = idempotent;
        this.audit = audit;
        this.config = config;
        this.membership = membership;
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

    /**
     * @param verified how many shifts were verified now (with {@code verify})
     * @param awaitingConfirmation how many wait for a second person: the volunteer's check-in with the code, or
     *        another grid worker's or staff member's verification
     */
    public record BulkResult(UUID activityId, List<ShiftDetails> shifts, int verified, int awaitingConfirmation) {
    }

    public Outcome<ShiftDetails> checkIn(UUID activityId, CheckIn command, String idempotencyKey) {
        return idempotent.once("check-in:" + activityId, caller.id(), idempotencyKey, command, ShiftDetails.class,
                () -> {
                    Activity activity = activity(activityId);
                    Instant now = Instant.now();
                    Instant at = reportedTime(command.at(), now, "check-in", null, null);
                    refuseBackdating(at, now, null, null);
                    insideWindow(activity, at, null, null, null);
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
                    insideWindow(activities.findById(shift.activityId), shift.startedAt, at, null, null);
                    shift.endedAt = at;
                    shift.minutes = minutes(shift.startedAt, at);
                    shift.status = ShiftStatus.RECORDED;
                    shifts.flush();
                    audit.persist(ShiftAuditEntry.of(shift, AuditAction.CHECKED_OUT, caller.id(), Instant.now()));
                    return details.of(shift);
                });
    }

    /**
     * Records a whole activity in one request, all or nothing: one refused entry (overlap, not signed up,
     * bad times) refuses the lot, naming the entry. With {@code verify} each shift is verified at once if a second
     * person is there (see {@link VerificationService#verifyOrAwait}); the others stay RECORDED, waiting for the
     * volunteer's check-in or another person's verification.
     */
    public Outcome<BulkResult> bulk(UUID activityId, Bulk command, String idempotencyKey) {
        return idempotent.once("bulk:" + activityId, caller.id(), idempotencyKey, command, BulkResult.class, () -> {
            Activity activity = activity(activityId);
            Instant now = Instant.now();
            List<ShiftDetails> recorded = new ArrayList<>(command.entries().size());
            int verified = 0;
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
                refuseBackdating(start, now, number, entry.memberId());
                insideWindow(activity, start, end, number, entry.memberId());
                Shift shift = record(activity, entry.memberId(), entry.walkIn(), start, end, now, number);
                if (command.verify() && verification.verifyOrAwait(shift, activity, now)) {
                    verified++;
                }
                recorded.add(details.of(shift));
            }
            int awaiting = command.verify() ? recorded.size() - verified : 0;
            return new BulkResult(activity.id, recorded, verified, awaiting);
        });
    }

    /**
     * @param end null for a check-in that stays open until check-out
     * @param entry the bulk entry's number, named in a refusal; null for a single check-in
     */
    private Shift record(Activity activity, String memberId, boolean walkIn, Instant start, Instant end, Instant now,
            Integer entry) {
        String prefix = entry == null ? "" : "entry " + entry + " (" + memberId + "): ";
        // shifts only for the community's registered volunteers, as the registry copy knows them now
        membership.requireVolunteer(caller.communityId(), memberId);
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
        Shift inserted = shifts.findById(shift.id);
        audit.persist(ShiftAuditEntry.of(inserted, AuditAction.RECORDED, caller.id(), now));
        return inserted;
    }

    /**
     * A shift that started more than {@code activity.grid-worker-backdating} ago is the community office's to
     * record: a grid worker alone may not fill past days with shifts.
     */
    private void refuseBackdating(Instant start, Instant now, Integer entry, String memberId) {
        if (start.isBefore(now.minus(config.gridWorkerBackdating())) && !caller.hasRole(Roles.STAFF)) {
            throw ProblemException.forbidden("BACKDATING_NOT_ALLOWED",
                    "This shift started too long ago for a grid worker to record it. Please ask the community office.")
                    .withMessage(entry == null ? "BACKDATING_NOT_ALLOWED" : "BACKDATING_NOT_ALLOWED.entry", entry,
                            memberId);
        }
    }

    /**
     * A shift lies within its activity's time, give or take {@code activity.shift-window-tolerance} (setting up
     * before, tidying away after).
     *
     * @param end null for a check-in
     */
    private void insideWindow(Activity activity, Instant start, Instant end, Integer entry, String memberId) {
        Duration tolerance = config.shiftWindowTolerance();
        Instant earliest = activity.startsAt.minus(tolerance);
        Instant latest = activity.endsAt.plus(tolerance);
        boolean outside = start.isBefore(earliest) || start.isAfter(latest) || (end != null && end.isAfter(latest));
        if (outside) {
            LocalTime from = earliest.atZone(config.zone()).toLocalTime().truncatedTo(ChronoUnit.MINUTES);
            LocalTime to = latest.atZone(config.zone()).toLocalTime().truncatedTo(ChronoUnit.MINUTES);
            throw ProblemException.unprocessable("SHIFT_OUTSIDE_ACTIVITY_WINDOW", (entry == null ? ""
                    : "Entry "
                            + entry + " (" + memberId + "): ")
                    + "the shift must lie within the activity's time, from " + from
                    + " to " + to + ".")
                    .withMessage(entry == null ? "SHIFT_OUTSIDE_ACTIVITY_WINDOW" : "SHIFT_OUTSIDE_ACTIVITY_WINDOW.entry",
                            from.toString(), to.toString(), entry, memberId);
        }
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
