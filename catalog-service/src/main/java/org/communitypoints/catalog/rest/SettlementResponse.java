package org.communitypoints.catalog.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.communitypoints.catalog.domain.RedemptionState;

/**
 * What a partner is owed for a period (days in the community's time zone, both included).
 *
 * @param vouchersFulfilled vouchers taken at the counter in the period
 * @param pointsCaptured points paid by residents for the captured ones
 * @param subsidyCaptured points paid by the community subsidy pool for the captured ones
 * @param awaitingCapture fulfilled, capture not yet confirmed by points-service
 * @param captureFailed fulfilled but the capture was refused: staff must look at these
 */
public record SettlementResponse(
        String partnerId,
        String partnerName,
        LocalDate from,
        LocalDate to,
        long vouchersFulfilled,
        long pointsCaptured,
        long subsidyCaptured,
        long awaitingCapture,
        long captureFailed,
        List<Line> lines) {

    public record Line(
            UUID redemptionId,
            String voucherCode,
            String rewardTitle,
            Instant fulfilledAt,
            String fulfilledBy,
            RedemptionState state,
            long points,
            long subsidyPoints) {
    }
}
