package org.communitypoints.activity.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.communitypoints.activity.domain.ShiftCorrection;
import org.communitypoints.activity.domain.ShiftStatus;

public final class ShiftViews {

    private ShiftViews() {
    }

    /**
     * @param minutes the minutes as recorded and verified (history, never changed)
     * @param points the points awarded at verification (history, never changed)
     * @param currentMinutes the minutes after the latest correction
     * @param currentPoints the points after the latest correction (0 when voided)
     */
    public record ShiftView(UUID id, UUID activityId, String activityTitle, String memberId, boolean walkIn,
            ShiftStatus status, Instant startedAt, Instant endedAt, Integer minutes, LocalDate servedOn, Long points,
            Integer ruleVersion, Integer currentMinutes, Long currentPoints, String recordedBy, String verifiedBy,
            Instant verifiedAt, String rejectedBy, String rejectionReason, List<CorrectionView> corrections) {
    }

    public record CorrectionView(UUID correctionId, UUID shiftId, int sequence, int previousMinutes,
            int correctedMinutes, long previousPoints, long correctedPoints, boolean voided, String reason,
            String correctedBy, Instant correctedAt) {

        public static CorrectionView of(ShiftCorrection c) {
            return new CorrectionView(c.id, c.shiftId, c.sequence, c.previousMinutes, c.correctedMinutes,
                    c.previousPoints, c.correctedPoints, c.voided, c.reason, c.correctedBy, c.correctedAt);
        }
    }

    public record BulkResult(UUID activityId, List<ShiftView> shifts) {
    }

    /** A resident's volunteer record: every shift, and the totals of verified ones after corrections. */
    public record VolunteerRecord(String memberId, int verifiedShifts, long minutes, BigDecimal hours,
            long pointsEarned, List<ShiftView> shifts) {
    }

    public record MonthlyFigures(String communityId, String month, long activeVolunteers, long shifts, long minutes,
            BigDecimal hours, long pointsAwarded) {
    }

    /** One points-bearing fact for reconciliation: a verification or a correction. */
    public record ExportItem(String type, UUID eventId, UUID shiftId, UUID correctionId, String memberId,
            String communityId, Long points, Long previousPoints, Long correctedPoints, Instant recordedAt) {
    }

    /** @param nextCursor pass as {@code after} to read on; equal to the request's cursor when nothing new */
    public record ExportPage(List<ExportItem> items, String nextCursor) {
    }
}
