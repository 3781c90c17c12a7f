package org.communitypoints.contracts.export;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One fulfilled voucher in a {@link PartnerSettlement}.
 *
 * @param redemptionId the redemption
 * @param voucherCode the voucher taken
 * @param rewardTitle the reward's title
 * @param fulfilledAt when the partner took it
 * @param fulfilledBy who took it at the counter
 * @param state the redemption's state (CAPTURED, FULFILLED awaiting capture, or CAPTURE_FAILED)
 * @param points what the resident paid
 * @param subsidyPoints what the subsidy pool paid
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SettlementLine(
        UUID redemptionId,
        String voucherCode,
        String rewardTitle,
        Instant fulfilledAt,
        String fulfilledBy,
        RedemptionState state,
        long points,
        long subsidyPoints) {
}
