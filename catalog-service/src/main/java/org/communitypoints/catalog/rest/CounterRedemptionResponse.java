package org.communitypoints.catalog.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.communitypoints.catalog.domain.RedemptionState;
import org.communitypoints.catalog.domain.RewardKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A redemption as a partner's counter sees it: what to hand over and whether the voucher can be taken, and no
 * more. No household subsidy category, no price split and no text of a refusal (points-service's text names the
 * resident's balance); the voucher's code masked ({@code ****7K2Q}). Their money is in the settlement.
 *
 * @param reasonCode why it was rejected, cancelled, expired or its capture failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CounterRedemptionResponse(
        UUID id,
        RedemptionState state,
        UUID rewardId,
        RewardKind rewardKind,
        String rewardTitle,
        String partnerId,
        @Schema(nullable = true) UUID sessionId,
        @Schema(nullable = true) LocalDate mealDay,
        @Schema(nullable = true) String reasonCode,
        @Schema(nullable = true) VoucherResponse voucher,
        Instant createdAt,
        @Schema(nullable = true) Instant fulfilledAt) {
}
