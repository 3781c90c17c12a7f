package org.communitypoints.catalog.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.communitypoints.catalog.domain.RedemptionState;
import org.communitypoints.catalog.domain.RewardKind;

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
        UUID sessionId,
        LocalDate mealDay,
        long points,
        long subsidyPoints,
        String subsidyCategory,
        String reasonCode,
        String reasonDetail,
        VoucherResponse voucher,
        Instant createdAt,
        Instant fulfilledAt,
        Instant capturedAt,
        Instant releasedAt) {
}
