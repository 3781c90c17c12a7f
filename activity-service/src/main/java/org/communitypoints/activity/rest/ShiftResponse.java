package org.communitypoints.activity.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.communitypoints.activity.domain.ShiftStatus;
import org.communitypoints.activity.domain.VerificationMethod;
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
        @Schema(nullable = true, description = "who confirmed as the second person: CHECK_IN_CODE (the volunteer "
                + "scanned the activity's code), SECOND_PERSON (verified by someone other than the recorder) or "
                + "SELF_WITHIN_POLICY (the recorder, within the community's daily allowance); null until verified, "
                + "and on shifts verified before these rules") VerificationMethod verificationMethod,
        @Schema(description = "the recorder asked to verify, and the shift waits for the volunteer's check-in "
                + "with the code or another person's verification") boolean awaitingConfirmation,
        @Schema(nullable = true, description = "null unless rejected") String rejectedBy,
        @Schema(nullable = true, description = "null unless rejected") String rejectionReason,
        List<CorrectionResponse> corrections) {
}
