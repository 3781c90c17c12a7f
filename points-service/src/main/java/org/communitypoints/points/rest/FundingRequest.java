package org.communitypoints.points.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Points staff move from the community's issuance account into its subsidy pool. The bound here is the widest any
 * budget could allow; the community's monthly budget is checked by the service.
 */
public record FundingRequest(
        @NotNull @Min(1) @Max(10_000_000) Long points,
        @NotBlank(message = "a reason is required for every funding") @Size(max = 500) String reason) {
}
