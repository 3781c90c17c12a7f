package org.communitypoints.catalog.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.communitypoints.catalog.domain.RewardKind;
import org.communitypoints.catalog.domain.VoucherState;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A voucher as the counter reads it before taking it: the code masked ({@code ****7K2Q}), what it is for, the
 * resident's name masked ({@code 王*明}) so the cashier can see it is theirs, and whether it can be taken now. No
 * price, no household category.
 *
 * @param session the class session of a CLASS_SEAT voucher
 * @param mealDay the day of a meal voucher
 * @param residentName null while the registry copy does not know the resident
 */
public record VoucherLookupResponse(
        String code,
        VoucherState state,
        Instant validFrom,
        Instant validUntil,
        UUID rewardId,
        RewardKind rewardKind,
        String rewardTitle,
        String partnerId,
        String partnerName,
        @Schema(nullable = true) Session session,
        @Schema(nullable = true) LocalDate mealDay,
        @Schema(nullable = true) String residentName,
        @Schema(nullable = true) Instant fulfilledAt) {

    public record Session(UUID id, Instant startsAt, Instant endsAt) {
    }
}
