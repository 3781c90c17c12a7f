package org.communitypoints.catalog.rest;

import java.time.Instant;
import java.util.UUID;

import org.communitypoints.catalog.domain.VoucherState;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A voucher on the resident's "My home" screen. */
public record MyVoucherResponse(
        UUID redemptionId,
        String code,
        String rewardTitle,
        String partnerName,
        Instant validFrom,
        Instant validUntil,
        VoucherState state,
        @Schema(nullable = true, description = "the proxy (代办) who placed it for the resident; null when the resident did") String actedBy) {
}
