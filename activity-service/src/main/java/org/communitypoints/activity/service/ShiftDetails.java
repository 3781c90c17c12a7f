package org.communitypoints.activity.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.communitypoints.activity.domain.Shift;
import org.communitypoints.activity.domain.ShiftCorrection;
import org.communitypoints.activity.domain.ShiftStatus;
import org.communitypoints.activity.domain.VerificationMethod;

/**
 * A shift as the services hand it out: its recorded history and its current value after corrections.
 *
 * @param minutes the minutes as recorded and verified (history, never changed)
 * @param points the points awarded at verification (history, never changed)
 * @param currentMinutes the minutes after the latest correction
 * @param currentPoints the points after the latest correction (0 when voided)
 * @param verificationMethod who the second person was; null until verified
 * @param awaitingConfirmation the recorder asked to verify; the volunteer's check-in or another person's
 *        verification will
 */
public record ShiftDetails(UUID id, UUID activityId, String activityTitle, String memberId, boolean walkIn,
        ShiftStatus status, Instant startedAt, Instant endedAt, Integer minutes, LocalDate servedOn, Long points,
        Integer ruleVersion, Integer currentMinutes, Long currentPoints, String recordedBy, String verifiedBy,
        Instant verifiedAt, VerificationMethod verificationMethod, boolean awaitingConfirmation, String rejectedBy,
        String rejectionReason, List<CorrectionDetails> corrections) {

    static ShiftDetails of(Shift s, String activityTitle, List<ShiftCorrection> corrections) {
        ShiftCorrection latest = corrections.stream().max(Comparator.comparingInt(c -> c.sequence)).orElse(null);
        Integer currentMinutes = latest != null ? Integer.valueOf(latest.correctedMinutes) : s.minutes;
        Long currentPoints = latest != null ? Long.valueOf(latest.correctedPoints) : s.points;
        return new ShiftDetails(s.id, s.activityId, activityTitle, s.memberId, s.walkIn, s.status, s.startedAt,
                s.endedAt, s.minutes, s.servedOn, s.points, s.ruleVersion, currentMinutes, currentPoints, s.recordedBy,
                s.verifiedBy, s.verifiedAt, s.verificationMethod,
                s.status == ShiftStatus.RECORDED && s.verificationRequestedBy != null, s.rejectedBy, s.rejectionReason,
                corrections.stream().map(CorrectionDetails::of).toList());
    }

    /** Whether the shift counts in totals: verified shifts at their current value; voided ones are worth nothing. */
    boolean counts() {
        return status == ShiftStatus.VERIFIED;
    }

    /** One restatement of a verified shift. */
    public record CorrectionDetails(UUID correctionId, UUID shiftId, int sequence, int previousMinutes,
            int correctedMinutes, long previousPoints, long correctedPoints, boolean voided, String reason,
            String correctedBy, Instant correctedAt) {

        static CorrectionDetails of(ShiftCorrection c) {
            return new CorrectionDetails(c.id, c.shiftId, c.sequence, c.previousMinutes, c.correctedMinutes,
                    c.previousPoints, c.correctedPoints, c.voided, c.reason, c.correctedBy, c.correctedAt);
        }
    }
}
