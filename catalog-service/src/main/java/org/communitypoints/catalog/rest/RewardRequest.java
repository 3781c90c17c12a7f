package org.communitypoints.catalog.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.communitypoints.catalog.domain.RewardKind;

/**
 * @param dailyQuota MEAL: meals per day
 * @param stock CHILDCARE_CREDIT and GOODS: how many can be given out
 * @param hours CHILDCARE_CREDIT: hours of care per voucher
 * @param validDays CHILDCARE_CREDIT and GOODS: days a voucher stays valid (default 30)
 */
public record RewardRequest(
        @NotBlank String partnerId,
        @NotNull RewardKind kind,
        @NotBlank @Size(max = 200) String title,
        @Size(max = 2000) String description,
        @NotNull @Positive Long points,
        @Positive Integer dailyQuota,
        @PositiveOrZero Integer stock,
        @Positive Integer hours,
        @Positive Integer validDays,
        @Valid DiscountRequest discount) {
}
