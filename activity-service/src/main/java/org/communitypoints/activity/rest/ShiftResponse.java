package org.communitypoints.activity.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.communitypoints.activity.domain.ShiftStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * @param minutes the minutes as recorded and verified (history, never changed)
 * @param points the points awarded at verification (history, never changed)
 * @param currentMinutes the minutes after the latest correction
 * @param currentPoints the points after the latest correction (0 when voided)
 *        <p>
 *        Every other field is always present (ARCHITECTURE.md, OpenAPI rule in gateway/README.md): the ones
 *        that are null in some states say so with {@code @Schema(nullable = true)}.
 */
public record ShiftResponse(UUID id, UUID activityId, String activityTitle, String memberId, boolean walkIn,
        ShiftStatus status, Instant startedAt,
        @Schema(nullable = true, description = "null while checked in") Instant endedAt,
        @Schema(nullable = true, description = "null while checked in") Integer minutes,
        LocalDate servedOn,
        @Schema(nullable = true, description = "null until verified") Long points,
        @Schema(nullable = true, description = "null until verified") Integer ruleVersion,
        @Schema(nullable = true, description = "null while checked in") Integer currentMinutes,
        @Schema(nullable = true, description = "null until verified") Long currentPoints,
        String recordedBy,
        @Schema(nullable = true, description = "null until verified") String verifiedBy,
        @Schema(nullable = true, description = "null until verified") Instant verifiedAt,
        @Schema(nullable = true, description = "null unless rejected") String rejectedBy,
        @Schema(nullable = true, description = "null unless rejected") String rejectionReason,
        List<CorrectionResponse> corrections) {
}
