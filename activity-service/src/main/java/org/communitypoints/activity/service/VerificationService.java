package org.communitypoints.activity.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.activity.config.ActivityConfig;
import org.communitypoints.activity.domain.Activity;
import org.communitypoints.activity.domain.Attendance;
import org.communitypoints.activity.domain.AuditAction;
import org.communitypoints.activity.domain.ExportLogEntry;
import org.communitypoints.activity.domain.PointsRule;
import org.communitypoints.activity.domain.Shift;
import org.communitypoints.activity.domain.ShiftAuditEntry;
import org.communitypoints.activity.domain.ShiftCorrection;
import org.communitypoints.activity.domain.ShiftStatus;
import org.communitypoints.activity.domain.VerificationMethod;
import org.communitypoints.activity.messaging.ShiftEvents;
import org.communitypoints.activity.repository.ActivityRepository;
import org.communitypoints.activity.repository.AttendanceRepository;
import org.communitypoints.activity.repository.ExportLogRepository;
import org.communitypoints.activity.repository.KindRepository;
import org.communitypoints.activity.repository.PointsRuleRepository;
import org.communitypoints.activity.repository.ShiftAuditRepository;
import org.communitypoints.activity.repository.ShiftCorrectionRepository;
import org.communitypoints.activity.repository.ShiftRepository;
import org.communitypoints.activity.service.ShiftDetails.CorrectionDetails;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.IdempotentRequests.Outcome;
import org.communitypoints.platform.data.membership.Membership;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemException;

/**
 * Values and verifies shifts, rejects them, and corrects verified ones. A shift's points are credited only with a
 * second person (maker-checker): someone other than its recorder verifies it, or the volunteer confirms their
 * presence with the activity's check-in code, or the community's policy lets the recorder verify a few points a day
 * alone. Every step is written to the shift's audit trail.
 *
 * <p>
 * The shift row is locked (and
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
    private final AttendanceRepository attendances;
    private final ShiftAuditRepository audit;
    private final Caller caller;
    private final Membership membership;
    private final IdempotentRequests idempotent;
    private final ActivityConfig config;

    public VerificationService(ShiftRepository shifts, ShiftCorrectionRepository corrections, KindRepository kinds,
            PointsRuleRepository rules, ActivityRepository activities, ExportLogRepository exportLog,
            ShiftEvents events, ShiftDetailsService details, AttendanceRepository attendances, ShiftAuditRepository audit,
            Caller caller, IdempotentRequests idempotent, ActivityConfig config, Membership membership) {
        this.shifts = shifts;
        this.corrections = corrections;
        this.kinds = kinds;
        this.rules = rules;
        this.activities = activities;
        this.exportLog = exportLog;
        this.events = events;
        this.details = details;
        this.attendances = attendances;
        this.audit = audit;
        this.caller = caller;
        this.idempotent = idempotent;
        this.config = config;
        this.membership = membership;
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

    /**
     * Verifies a locked (or just inserted) shift in the current transaction, by the caller, when a second person
     * is there: the caller is not the recorder, or the volunteer checked in with the code, or the community's policy
     * lets the recorder verify these points alone.
     *
     * @throws ProblemException 409 SECOND_PERSON_REQUIRED when none is
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void verifyRecorded(Shift shift, Activity activity, Instant now) {
        Valuation valuation = value(shift, caller.id());
        VerificationMethod method = secondPerson(shift, valuation.points(), now)
                .orElseThrow(() -> secondPersonRequired(shift, valuation.points(), now));
        apply(shift, activity, valuation, caller.id(), method, now);
    }

    /**
     * What a bulk recording with {@code verify} does with each shift: verifies it when a second person is there
     * (as {@link #verifyRecorded}), and otherwise leaves it recorded, marked as waiting for the volunteer's check-in
     * or another person's verification, which then verifies it in the recorder's name.
     *
     * @return true when verified now
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean verifyOrAwait(Shift shift, Activity activity, Instant now) {
        Valuation valuation = value(shift, caller.id());
        Optional<VerificationMethod> method = secondPerson(shift, valuation.points(), now);
        if (method.isPresent()) {
            apply(shift, activity, valuation, caller.id(), method.get(), now);
            return true;
        }
        shift.verificationRequestedBy = caller.id();
        shift.verificationRequestedAt = now;
        shifts.flush();
        audit.persist(ShiftAuditEntry.of(shift, AuditAction.VERIFICATION_REQUESTED, caller.id(), now));
        return false;
    }

    /**
     * Verifies the volunteer's shifts at the activity that wait for a second person, now that the volunteer checked
     * in with the code: each in the name of the recorder who asked to verify it. A shift that cannot be verified
     * (the resident's daily cap is reached, say) keeps waiting for a person to decide, and the check-in still counts.
     * Each shift is locked and re-read first, so a concurrent verification or second scan credits it only once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ShiftDetails> verifyConfirmed(Activity activity, Attendance attendance, Instant now) {
        List<ShiftDetails> verified = new ArrayList<>();
        for (UUID id : shifts.awaitingConfirmation(activity.id, attendance.memberId)) {
            Shift shift = shifts.lockInCommunity(id, activity.communityId).orElseThrow();
            if (shift.status != ShiftStatus.RECORDED || shift.verificationRequestedBy == null
                    || shift.recordedBy.equals(shift.memberId)) {
                continue;
            }
            Valuation valuation;
            try {
                valuation = value(shift, shift.verificationRequestedBy);
            } catch (ProblemException refused) {
                continue;
            }
            apply(shift, activity, valuation, shift.verificationRequestedBy, VerificationMethod.CHECK_IN_CODE, now);
            verified.add(details.of(shift));
        }
        return verified;
    }

    /** What a recorded shift is worth under the rule in force at its start, checked against the daily cap. */
    private record Valuation(PointsRule rule, long points) {
    }

    /** Values the shift; takes the resident's day lock, so the cap still holds when the points are written. */
    private Valuation value(Shift shift, String verifier) {
        switch (shift.status) {
            case RECORDED -> {
            }
            case CHECKED_IN -> throw ProblemException.conflict("NOT_CHECKED_OUT",
                    "This volunteer is still checked in. Check them out before verifying.");
            case VERIFIED, VOIDED -> throw ProblemException.conflict("ALREADY_VERIFIED", "This shift is already verified.");
            case REJECTED ->
                throw ProblemException.conflict("SHIFT_REJECTED", "This shift was rejected and cannot be verified.");
        }
        if (shift.memberId.equals(verifier)) {
            throw ProblemException.forbidden("SELF_VERIFICATION",
                    "Volunteers cannot verify their own shift. Please ask another grid worker.");
        }
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
        return new Valuation(rule, points);
    }

    /**
     * Who the second person is when the caller verifies now, if anyone: someone other than the recorder; else the
     * volunteer's own check-in at the activity; else the recorder alone within the community's daily allowance (taken
     * under a lock per recorder and day, so concurrent verifications cannot both use the last points of it).
     */
    private Optional<VerificationMethod> secondPerson(Shift shift, long points, Instant now) {
        if (!caller.id().equals(shift.recordedBy)) {
            return Optional.of(VerificationMethod.SECOND_PERSON);
        }
        if (!shift.recordedBy.equals(shift.memberId) && attendances.of(shift.activityId, shift.memberId).isPresent()) {
            return Optional.of(VerificationMethod.CHECK_IN_CODE);
        }
        int allowance = selfVerifyDailyPoints(shift.communityId);
        if (allowance > 0 && selfVerifiedToday(shift, now) + points <= allowance) {
            return Optional.of(VerificationMethod.SELF_WITHIN_POLICY);
        }
        return Optional.empty();
    }

    private long selfVerifiedToday(Shift shift, Instant now) {
        LocalDate today = now.atZone(config.zone()).toLocalDate();
        shifts.lockSelfVerifications(shift.communityId, caller.id(), today);
        return shifts.selfVerifiedPoints(shift.communityId, caller.id(), today.atStartOfDay(config.zone()).toInstant(),
                today.plusDays(1).atStartOfDay(config.zone()).toInstant());
    }

    private int selfVerifyDailyPoints(String communityId) {
        ActivityConfig.CommunityPolicy policy = config.policy().get(communityId);
        return policy == null ? 0 : policy.selfVerifyDailyPoints();
    }

    private ProblemException secondPersonRequired(Shift shift, long points, Instant now) {
        int allowance = selfVerifyDailyPoints(shift.communityId);
        if (allowance > 0) {
            long left = Math.max(0, allowance - selfVerifiedToday(shift, now));
            return ProblemException.conflict("SECOND_PERSON_REQUIRED", "You recorded this shift, and it is worth "
                    + points + " points, more than the " + left + " of your " + allowance
                    + " points a day you may verify alone. Another grid worker or staff member must verify it, or the "
                    + "volunteer " + shift.memberId + " scans the activity's check-in code.")
                    .withMessage("SECOND_PERSON_REQUIRED.allowance", shift.memberId, points, left, allowance);
        }
        return ProblemException.conflict("SECOND_PERSON_REQUIRED", "You recorded this shift, so you cannot verify it "
                + "alone. Another grid worker or staff member must verify it, or the volunteer " + shift.memberId
                + " scans the activity's check-in code.").withArgs(shift.memberId);
    }

    private void apply(Shift shift, Activity activity, Valuation valuation, String verifier, VerificationMethod method,
            Instant now) {
        if (method == VerificationMethod.CHECK_IN_CODE) {
            attendances.of(shift.activityId, shift.memberId).ifPresent(a -> audit.persist(
                    ShiftAuditEntry.of(shift, AuditAction.CONFIRMED_BY_CHECK_IN, shift.memberId, a.confirmedAt)));
        }
        shift.points = valuation.points();
        shift.ruleVersion = valuation.rule().version;
        shift.verifiedBy = verifier;
        shift.verifiedAt = now;
        shift.verificationMethod = method;
        shift.status = ShiftStatus.VERIFIED;
        shifts.flush();
        audit.persist(ShiftAuditEntry.verified(shift));
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
            audit.persist(ShiftAuditEntry.of(shift, AuditAction.REJECTED, caller.id(), shift.rejectedAt));
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
                    membership.requireActive(caller.communityId(), shift.memberId);
                    ShiftCorrection correction = correction(shift, command);
                    corrections.persist(correction);
                    if (command.voidShift()) {
                        shift.status = ShiftStatus.VOIDED;
                    }
                    shifts.flush();
                    ShiftAuditEntry line = ShiftAuditEntry.of(shift,
                            command.voidShift() ? AuditAction.VOIDED : AuditAction.CORRECTED, caller.id(),
                            correction.correctedAt);
                    line.points = correction.correctedPoints;
                    audit.persist(line);
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
