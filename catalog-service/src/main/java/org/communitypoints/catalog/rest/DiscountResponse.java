package org.communitypoints.catalog.rest;

import java.util.List;

import org.communitypoints.catalog.domain.EligibilityCategory;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A reward's means-tested price: either {@code percent} or {@code points} off for eligible households.
 *
 * @param categories the categories it is for; empty means every eligible household
 */
public record DiscountResponse(@Schema(nullable = true) Integer percent, @Schema(nullable = true) Long points,
        List<EligibilityCategory> categories) {
}
