package org.communitypoints.catalog.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.communitypoints.catalog.domain.RedemptionState;
import org.communitypoints.catalog.domain.RewardKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * @param points what the resident pays
 * @param subsidyPoints what the community subsidy pool pays
 * @param reasonCode why it was rejected, cancelled, expired or its capture failed (e.g. INSUFFICIENT_POINTS)
 * @param voucher present once points are held
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RedemptionResponse(
        UUID id,
        RedemptionState state,
        UUID rewardId,
        RewardKind rewardKind,
        String rewardTitle,
        String partnerId,
        String partnerName,
        @Schema(nullable = true) UUID sessionId,
        @Schema(nullable = true) LocalDate mealDay,
        long points,
        long subsidyPoints,
        @Schema(nullable = true) String subsidyCategory,
        @Schema(nullable = true) String reasonCode,
        @Schema(nullable = true) String reasonDetail,
        @Schema(nullable = true) VoucherResponse voucher,
        Instant createdAt,
        @Schema(nullable = true) Instant fulfilledAt,
        @Schema(nullable = true) Instant capturedAt,
        @Schema(nullable = true) Instant releasedAt,
        @Schema(nullable = true, description = "the proxy (代办) who placed it for the resident; absent when the resident did") String actedBy) {
}
