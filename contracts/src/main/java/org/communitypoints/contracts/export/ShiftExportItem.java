package org.communitypoints.contracts.export;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One points-bearing fact of activity-service ({@code GET /api/activity/exports/shifts}): a verification or
 * a correction, in the order they were committed.
 *
 * @param type whether this row is a verification or a correction
 * @param eventId the id of the Kafka event that carried this fact to points-service
 * @param shiftId the shift verified or corrected; the {@code causeId} of its {@code SHIFT} credit in the
 *        journal
 * @param correctionId the correction ({@code SHIFT_CORRECTED} only, null otherwise); the {@code causeId} of its
 *        {@code SHIFT_CORRECTION} posting in the journal
 * @param memberId the resident credited
 * @param communityId the resident's community
 * @param points the points the rule gave at verification ({@code SHIFT_VERIFIED} only, null otherwise)
 * @param previousPoints the shift's points before this correction ({@code SHIFT_CORRECTED} only)
 * @param correctedPoints the shift's points after this correction, 0 when voided ({@code SHIFT_CORRECTED} only)
 * @param recordedAt when the verification or correction was committed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ShiftExportItem(
        ShiftExportType type,
        UUID eventId,
        UUID shiftId,
        @Schema(nullable = true) UUID correctionId,
        String memberId,
        String communityId,
        @Schema(nullable = true) Long points,
        @Schema(nullable = true) Long previousPoints,
        @Schema(nullable = true) Long correctedPoints,
        Instant recordedAt) {
}
