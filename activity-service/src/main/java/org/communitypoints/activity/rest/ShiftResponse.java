package org.communitypoints.activity.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.communitypoints.activity.domain.ShiftStatus;

/**
 * @param minutes the minutes as recorded and verified (history, never changed)
 * @param points the points awarded at verification (history, never changed)
 * @param currentMinutes the minutes after the latest correction
 * @param currentPoints the points after the latest correction (0 when voided)
 */
public record ShiftResponse(UUID id, UUID activityId, String activityTitle, String memberId, boolean walkIn,
        ShiftStatus status, Instant startedAt, Instant endedAt, Integer minutes, LocalDate servedOn, Long points,
        Integer ruleVersion, Integer currentMinutes, Long currentPoints, String recordedBy, String verifiedBy,
        Instant verifiedAt, String rejectedBy, String rejectionReason, List<CorrectionResponse> corrections) {
}
