package org.communitypoints.activity.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.activity.domain.Activity;
import org.communitypoints.activity.domain.ExportLogEntry;
import org.communitypoints.activity.domain.PointsRule;
import org.communitypoints.activity.domain.Shift;
import org.communitypoints.activity.domain.ShiftCorrection;
import org.communitypoints.activity.domain.ShiftStatus;
import org.communitypoints.activity.messaging.ShiftEvents;
import org.communitypoints.activity.repository.ActivityRepository;
import org.communitypoints.activity.repository.ExportLogRepository;
import org.communitypoints.activity.repository.KindRepository;
import org.communitypoints.activity.repository.PointsRuleRepository;
import org.communitypoints.activity.repository.ShiftCorrectionRepository;
import org.communitypoints.activity.repository.ShiftRepository;
import org.communitypoints.activity.service.ShiftDetails.CorrectionDetails;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.IdempotentRequests.Outcome;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemException;

/**
 * Values and verifies shifts, rejects them, and corrects verified ones. The shift row is locked (and
 * re-read) first, then the resident's day, so verifications and corrections of one shift and of one
 * resident's day take turns: the daily cap holds under concurrency, a shift is verified once (a concurrent
 * second verification answers 409), and a correction never lands on a shift voided meanwhile.
 *
 * <p>
 * Every points-bearing change is announced through {@link ShiftEvents} and appended to the export log in
 * the same transaction, under the same event id, so the reconciler can match the two.
 */
@ApplicationScoped
@Transactional
public class VerificationService {

    private final ShiftRepository shifts;
    private final ShiftCorrectionRepository corrections;
    private final KindRepository kinds;
    private final PointsRuleRepository rules;
    private final ActivityRepository activities;
    private final ExportLogRepository exportLog;
    private final ShiftEvents events;
    private final ShiftDetailsService details;
    private final Caller caller;
    private final IdempotentRequests idempotent;

    public VerificationService(ShiftRepository shifts, ShiftCorrectionRepository corrections, KindRepository kinds,
            PointsRuleRepository rules, ActivityRepository activities, ExportLogRepository exportLog,
            ShiftEvents events, ShiftDetailsService details, Caller caller, IdempotentRequests idempotent) {
        this.shifts = shifts;
        this.corrections = corrections;
        this.kinds = kinds;
        this.rules = rules;
        this.activities = activities;
        this.exportLog = exportLog;
        this.events = events;
        this.details = details;
        this.caller = caller;
        this.idempotent = idempotent;
    }

    /** Why a recorded shift is not verified. */
    public record Rejection(String reason) {
    }

    /** Either other minutes or a void, always with a reason. */
    public record Correction(Integer minutes, boolean voidShift, String reason) {
    }

    public Outcome<ShiftDetails> verify(UUID shiftId, String idempotencyKey) {
        return idempotent.once("verify:" + shiftId, caller.id(), idempotencyKey, shiftId, ShiftDetails.class, () -> {
            Shift shift = lockedShift(shiftId);
            verifyRecorded(shift, activities.findById(shift.activityId), Instant.now());
            return details.of(shift);
        });
    }

    /** Verifies a locked (or just inserted) shift in the current transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void verifyRecorded(Shift shift, Activity activity, Instant now) {
        switch (shift.status) {
            case RECORDED -> {
            }
            case CHECKED_IN -> throw ProblemException.conflict("NOT_CHECKED_OUT",
                    "This volunteer is still checked in. Check them out before verifying.");
            case VERIFIED, VOIDED -> throw ProblemException.conflict("ALREADY_VERIFIED", "This shift is already verified.");
            case REJECTED ->
                throw ProblemException.conflict("SHIFT_REJECTED", "This shift was rejected and cannot be verified.");
        }
        refuseSelf(shift, "SELF_VERIFICATION", "SELF_VERIFICATION",
                "Volunteers cannot verify their own shift. Please ask another grid worker.");
        PointsRule rule = rules.inForce(shift.kindId, shift.startedAt)
                .orElseThrow(() -> ProblemException.unprocessable("NO_RULE_IN_FORCE",
                        "No points rule was in force when this shift was served."));
        if (shift.minutes < rule.minimumMinutes) {
            throw ProblemException.unprocessable("BELOW_MINIMUM_MINUTES", "This shift lasted " + shift.minutes
                    + " minutes; this kind of activity counts from " + rule.minimumMinutes
                    + " minutes. Reject the shift instead.").withArgs(shift.minutes, rule.minimumMinutes);
        }
        long points = rule.pointsFor(shift.minutes);
        if (points == 0) {
            // A verified shift always credits something: points-service refuses empty credits.
            throw ProblemException.unprocessable("NO_POINTS_EARNED", "This shift of " + shift.minutes
                    + " minutes earns no points under the rule. Reject the shift instead.").withArgs(shift.minutes);
        }
        shifts.lockMemberDay(shift.memberId, shift.servedOn);
        long alreadyToday = shifts.pointsOfDay(shift.memberId, shift.servedOn, shift.kindId);
        if (alreadyToday + points > rule.dailyCapPoints) {
            throw ProblemException.unprocessable("DAILY_CAP_EXCEEDED", "This shift is worth " + points
                    + " points, but the resident already earned " + alreadyToday + " of at most " + rule.dailyCapPoints
                    + " points for this kind of activity on " + shift.servedOn + ".")
                    .withArgs(points, alreadyToday, rule.dailyCapPoints, shift.servedOn.toString());
        }
        shift.points = points;
        shift.ruleVersion = rule.version;
        shift.verifiedBy = caller.id();
        shift.verifiedAt = now;
        shift.status = ShiftStatus.VERIFIED;
        shifts.flush();
        UUID eventId = events.verified(shift, activity, kinds.findById(shift.kindId));
        exportLog.persist(ExportLogEntry.verified(shift, eventId));
    }

    public Outcome<ShiftDetails> reject(UUID shiftId, Rejection command, String idempotencyKey) {
        return idempotent.once("reject:" + shiftId, caller.id(), idempotencyKey, command, ShiftDetails.class, () -> {
            Shift shift = lockedShift(shiftId);
            if (shift.status != ShiftStatus.RECORDED) {
                throw ProblemException.conflict("SHIFT_NOT_REJECTABLE", shift.status == ShiftStatus.CHECKED_IN
                        ? "This volunteer is still checked in. Check them out before rejecting the shift."
                        : "Only a recorded shift that is not yet verified can be rejected.")
                        .withMessage(shift.status == ShiftStatus.CHECKED_IN ? "SHIFT_NOT_REJECTABLE.checked-in"
                                : "SHIFT_NOT_REJECTABLE");
            }
            refuseSelf(shift, "SELF_VERIFICATION", "SELF_VERIFICATION.reject",
                    "Volunteers cannot judge their own shift. Please ask another grid worker.");
            shift.status = ShiftStatus.REJECTED;
            shift.rejectedBy = caller.id();
            shift.rejectedAt = Instant.now();
            shift.rejectionReason = command.reason();
            shifts.flush();
            return details.of(shift);
        });
    }

    /**
     * Restates a verified shift by appending a correction (the shift's own values stay as they were) and
     * announces the difference. New minutes are valued by the rule version the shift was verified under.
     */
    public Outcome<CorrectionDetails> correct(UUID shiftId, Correction command, String idempotencyKey) {
        return idempotent.once("correct:" + shiftId, caller.id(), idempotencyKey, command, CorrectionDetails.class,
                () -> {
                    if (command.voidShift() == (command.minutes() != null)) {
                        throw ProblemException.badRequest("INVALID_CORRECTION",
                                "Give either the corrected minutes or \"void\": true, not both.");
                    }
                    Shift shift = lockedShift(shiftId);
                    if (shift.status == ShiftStatus.VOIDED) {
                        throw ProblemException.conflict("SHIFT_VOIDED",
                                "This shift was voided; it cannot be corrected again.");
                    }
                    if (shift.status != ShiftStatus.VERIFIED) {
                        throw ProblemException.conflict("NOT_VERIFIED", "Only a verified shift can be corrected.");
                    }
                    refuseSelf(shift, "SELF_CORRECTION", "SELF_CORRECTION", "Volunteers cannot correct their own shift.");
                    ShiftCorrection correction = correction(shift, command);
                    corrections.persist(correction);
                    if (command.voidShift()) {
                        shift.status = ShiftStatus.VOIDED;
                    }
                    shifts.flush();
                    UUID eventId = events.corrected(correction, activities.findById(shift.activityId));
                    exportLog.persist(ExportLogEntry.corrected(correction, eventId));
                    return CorrectionDetails.of(correction);
                });
    }

    private ShiftCorrection correction(Shift shift, Correction command) {
        List<ShiftCorrection> earlier = corrections.ofShift(shift.id);
        ShiftCorrection latest = earlier.isEmpty() ? null : earlier.get(earlier.size() - 1);
        int previousMinutes = latest == null ? shift.minutes : latest.correctedMinutes;
        long previousPoints = latest == null ? shift.points : latest.correctedPoints;
        int correctedMinutes = command.voidShift() ? 0 : command.minutes();
        long correctedPoints = 0;
        if (!command.voidShift()) {
            PointsRule rule = rules.version(shift.kindId, shift.ruleVersion).orElseThrow();
            // Below the rule's minimum a shift is worth nothing, as it would have been at verification.
            correctedPoints = correctedMinutes < rule.minimumMinutes ? 0 : rule.pointsFor(correctedMinutes);
            if (correctedMinutes == previousMinutes) {
                throw ProblemException.unprocessable("NOTHING_TO_CORRECT", "The shift already has these minutes.");
            }
            if (correctedPoints > previousPoints) {
                shifts.lockMemberDay(shift.memberId, shift.servedOn);
                long today = shifts.pointsOfDay(shift.memberId, shift.servedOn, shift.kindId);
                if (today - previousPoints + correctedPoints > rule.dailyCapPoints) {
                    throw ProblemException.unprocessable("DAILY_CAP_EXCEEDED",
                            "With this correction the resident would earn "
                                    + (today - previousPoints + correctedPoints) + " points on " + shift.servedOn
                                    + ", more than the daily cap of " + rule.dailyCapPoints + ".")
                            .withMessage("DAILY_CAP_EXCEEDED.correction", today - previousPoints + correctedPoints,
                                    shift.servedOn.toString(), rule.dailyCapPoints);
                }
            }
        }
        ShiftCorrection correction = new ShiftCorrection();
        correction.id = UUID.randomUUID();
        correction.shiftId = shift.id;
        correction.sequence = earlier.size() + 1;
        correction.communityId = shift.communityId;
        correction.memberId = shift.memberId;
        correction.previousMinutes = previousMinutes;
        correction.correctedMinutes = correctedMinutes;
        correction.previousPoints = previousPoints;
        correction.correctedPoints = correctedPoints;
        correction.voided = command.voidShift();
        correction.reason = command.reason();
        correction.correctedBy = caller.id();
        correction.correctedAt = Instant.now();
        return correction;
    }

    private Shift lockedShift(UUID id) {
        return shifts.lockInCommunity(id, caller.communityId()).orElseThrow(NotFound::shift);
    }

    private void refuseSelf(Shift shift, String code, String messageKey, String detail) {
        if (shift.memberId.equals(caller.id())) {
            throw ProblemException.forbidden(code, detail).withMessage(messageKey);
        }
    }
}
