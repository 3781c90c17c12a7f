package org.communitypoints.activity.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.activity.domain.Activity;
import org.communitypoints.activity.domain.ActivityKind;
import org.communitypoints.activity.domain.PointsRule;
import org.communitypoints.activity.domain.Shift;
import org.communitypoints.activity.domain.ShiftCorrection;
import org.communitypoints.activity.domain.ShiftStatus;
import org.communitypoints.activity.messaging.ShiftEvents;
import org.communitypoints.activity.repository.ActivityRepository;
import org.communitypoints.activity.repository.KindRepository;
import org.communitypoints.activity.repository.ShiftRepository;
import org.communitypoints.activity.rest.ShiftRequests.Correct;
import org.communitypoints.activity.rest.ShiftRequests.Reject;
import org.communitypoints.activity.rest.ShiftViews.CorrectionView;
import org.communitypoints.activity.rest.ShiftViews.ShiftView;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.IdempotentRequests.Outcome;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemException;

/**
 * Values and verifies shifts, rejects them, and corrects verified ones. The shift row is locked first,
 * then the resident's day, so verifications and corrections of one resident's day take turns and the
 * daily cap holds under concurrency.
 */
@ApplicationScoped
@Transactional
public class VerificationService {

    private final ShiftRepository shifts;
    private final KindRepository kinds;
    private final ActivityRepository activities;
    private final CommunityScope scope;
    private final ShiftEvents events;
    private final ShiftViewAssembler views;
    private final Caller caller;
    private final IdempotentRequests idempotent;

    public VerificationService(ShiftRepository shifts, KindRepository kinds, ActivityRepository activities,
            CommunityScope scope, ShiftEvents events, ShiftViewAssembler views, Caller caller,
            IdempotentRequests idempotent) {
        this.shifts = shifts;
        this.kinds = kinds;
        this.activities = activities;
        this.scope = scope;
        this.events = events;
        this.views = views;
        this.caller = caller;
        this.idempotent = idempotent;
    }

    public Outcome<ShiftView> verify(UUID shiftId, String idempotencyKey) {
        return idempotent.once("verify:" + shiftId, caller.id(), idempotencyKey, shiftId, ShiftView.class, () -> {
            Shift shift = scope.lockedShift(shiftId);
            verifyRecorded(shift, activities.find(shift.activityId).orElseThrow(), Instant.now());
            return views.view(shift);
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
        refuseSelf(shift, "SELF_VERIFICATION", "Volunteers cannot verify their own shift. Please ask another grid worker.");
        PointsRule rule = kinds.ruleInForce(shift.kindId, shift.startedAt)
                .orElseThrow(() -> ProblemException.unprocessable("NO_RULE_IN_FORCE",
                        "No points rule was in force when this shift was served."));
        if (shift.minutes < rule.minimumMinutes) {
            throw ProblemException.unprocessable("BELOW_MINIMUM_MINUTES", "This shift lasted " + shift.minutes
                    + " minutes; this kind of activity counts from " + rule.minimumMinutes
                    + " minutes. Reject the shift instead.");
        }
        long points = rule.pointsFor(shift.minutes);
        if (points == 0) {
            // A verified shift always credits something: points-service refuses empty credits.
            throw ProblemException.unprocessable("NO_POINTS_EARNED", "This shift of " + shift.minutes
                    + " minutes earns no points under the rule. Reject the shift instead.");
        }
        shifts.lockMemberDay(shift.memberId, shift.servedOn);
        long alreadyToday = shifts.pointsOfDay(shift.memberId, shift.servedOn, shift.kindId);
        if (alreadyToday + points > rule.dailyCapPoints) {
            throw ProblemException.unprocessable("DAILY_CAP_EXCEEDED", "This shift is worth " + points
                    + " points, but the resident already earned " + alreadyToday + " of at most " + rule.dailyCapPoints
                    + " points for this kind of activity on " + shift.servedOn + ".");
        }
        shift.points = points;
        shift.ruleVersion = rule.version;
        shift.verifiedBy = caller.id();
        shift.verifiedAt = now;
        shift.status = ShiftStatus.VERIFIED;
        shifts.flush();
        ActivityKind kind = kinds.find(shift.kindId).orElseThrow();
        events.verified(shift, activity, kind);
    }

    public Outcome<ShiftView> reject(UUID shiftId, Reject request, String idempotencyKey) {
        return idempotent.once("reject:" + shiftId, caller.id(), idempotencyKey, request, ShiftView.class, () -> {
            Shift shift = scope.lockedShift(shiftId);
            if (shift.status != ShiftStatus.RECORDED) {
                throw ProblemException.conflict("SHIFT_NOT_REJECTABLE", shift.status == ShiftStatus.CHECKED_IN
                        ? "This volunteer is still checked in. Check them out before rejecting the shift."
                        : "Only a recorded shift that is not yet verified can be rejected.");
            }
            refuseSelf(shift, "SELF_VERIFICATION", "Volunteers cannot judge their own shift. Please ask another grid worker.");
            shift.status = ShiftStatus.REJECTED;
            shift.rejectedBy = caller.id();
            shift.rejectedAt = Instant.now();
            shift.rejectionReason = request.reason();
            shifts.flush();
            return views.view(shift);
        });
    }

    /**
     * Restates a verified shift by appending a correction (the shift's own values stay as they were) and
     * announces the difference. New minutes are valued by the rule version the shift was verified under.
     */
    public Outcome<CorrectionView> correct(UUID shiftId, Correct request, String idempotencyKey) {
        return idempotent.once("correct:" + shiftId, caller.id(), idempotencyKey, request, CorrectionView.class, () -> {
            if (request.voidShift() == (request.minutes() != null)) {
                throw ProblemException.badRequest("INVALID_CORRECTION",
                        "Give either the corrected minutes or \"void\": true, not both.");
            }
            Shift shift = scope.lockedShift(shiftId);
            if (shift.status == ShiftStatus.VOIDED) {
                throw ProblemException.conflict("SHIFT_VOIDED", "This shift was voided; it cannot be corrected again.");
            }
            if (shift.status != ShiftStatus.VERIFIED) {
                throw ProblemException.conflict("NOT_VERIFIED", "Only a verified shift can be corrected.");
            }
            refuseSelf(shift, "SELF_CORRECTION", "Volunteers cannot correct their own shift.");
            List<ShiftCorrection> earlier = shifts.corrections(shift.id);
            ShiftCorrection latest = earlier.isEmpty() ? null : earlier.get(earlier.size() - 1);
            int previousMinutes = latest == null ? shift.minutes : latest.correctedMinutes;
            long previousPoints = latest == null ? shift.points : latest.correctedPoints;
            int correctedMinutes = request.voidShift() ? 0 : request.minutes();
            long correctedPoints = 0;
            if (!request.voidShift()) {
                PointsRule rule = kinds.rule(shift.kindId, shift.ruleVersion).orElseThrow();
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
                                        + ", more than the daily cap of " + rule.dailyCapPoints + ".");
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
            correction.voided = request.voidShift();
            correction.reason = request.reason();
            correction.correctedBy = caller.id();
            correction.correctedAt = Instant.now();
            shifts.persist(correction);
            if (request.voidShift()) {
                shift.status = ShiftStatus.VOIDED;
            }
            shifts.flush();
            events.corrected(correction, activities.find(shift.activityId).orElseThrow());
            return CorrectionView.of(correction);
        });
    }

    private void refuseSelf(Shift shift, String code, String detail) {
        if (shift.memberId.equals(caller.id())) {
            throw ProblemException.forbidden(code, detail);
        }
    }
}
