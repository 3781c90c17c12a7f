package org.communitypoints.catalog.rest;

import java.time.Instant;
import java.util.UUID;

import org.communitypoints.catalog.domain.VoucherState;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A voucher as its partner sees it. The code of a voucher not yet used shows only its last three
 * characters: the counter learns a code from the resident, never from the list.
 */
public record PartnerVoucherResponse(
        UUID redemptionId,
        String code,
        String rewardTitle,
        Instant validFrom,
        Instant validUntil,
        VoucherState state,
        @Schema(nullable = true) Instant fulfilledAt,
        long points,
        long subsidyPoints) {
}
