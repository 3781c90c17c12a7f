package org.communitypoints.catalog.rest;

import java.util.List;

import org.communitypoints.catalog.domain.EligibilityCategory;

/**
 * A reward's means-tested price: either {@code percent} or {@code points} off for eligible households.
 *
 * @param categories the categories it is for; empty means every eligible household
 */
public record DiscountResponse(Integer percent, Long points, List<EligibilityCategory> categories) {
}
