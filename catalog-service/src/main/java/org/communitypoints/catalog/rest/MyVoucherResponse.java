package org.communitypoints.catalog.rest;

import java.time.Instant;
import java.util.UUID;

import org.communitypoints.catalog.domain.VoucherState;

/** A voucher on the resident's "My home" screen. */
public record MyVoucherResponse(
        UUID redemptionId,
        String code,
        String rewardTitle,
        String partnerName,
        Instant validFrom,
        Instant validUntil,
        VoucherState state) {
}
