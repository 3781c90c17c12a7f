package org.communitypoints.catalog.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.communitypoints.catalog.domain.RewardKind;
import org.communitypoints.catalog.service.CatalogService;

/**
 * Every number is bounded by what a community's catalog can sensibly hold, so no sum or product of accepted values
 * overflows (prices up to 100,000 points, up to a million in stock, vouchers valid up to ten years).
 *
 * @param dailyQuota MEAL: meals per day
 * @param stock CHILDCARE_CREDIT and GOODS: how many can be given out
 * @param hours CHILDCARE_CREDIT: hours of care per voucher
 * @param validDays CHILDCARE_CREDIT and GOODS: days a voucher stays valid (default 30)
 */
public record RewardRequest(
        @NotBlank @Size(max = 63) String partnerId,
        @NotNull RewardKind kind,
        @NotBlank @Size(max = 200) String title,
        @Size(max = 2000) String description,
        @NotNull @Positive @Max(100_000) Long points,
        @Positive @Max(10_000) Integer dailyQuota,
        @PositiveOrZero @Max(CatalogService.MAX_STOCK) Integer stock,
        @Positive @Max(1_000) Integer hours,
        @Positive @Max(3_660) Integer validDays,
        @Valid DiscountRequest discount) {
}
