package org.communitypoints.points.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Points about to lapse that the resident gives to the community's subsidy pool. */
public record ExpiryDonationRequest(@NotNull @Min(1) @Max(1_000_000) Long points) {
}
