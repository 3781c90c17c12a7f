package org.communitypoints.catalog.rest;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import org.communitypoints.catalog.domain.EligibilityCategory;

/**
 * A means-tested price: eligible households pay less, the community subsidy pool pays the difference.
 * Either {@code percent} or {@code points}.
 *
 * @param categories the categories it is for; empty or absent means every eligible household
 */
public record DiscountRequest(
        @Min(1) @Max(100) Integer percent,
        @Positive Long points,
        List<EligibilityCategory> categories) {
}
