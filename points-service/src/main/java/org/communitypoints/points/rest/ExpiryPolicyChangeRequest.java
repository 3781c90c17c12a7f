package org.communitypoints.points.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A change of the community's expiry rule: on or off, after how many months earned points lapse (1-120), and how many
 * days before the month in which they lapse residents are warned (0-90).
 */
public record ExpiryPolicyChangeRequest(
        @NotNull Boolean enabled,
        @NotNull @Min(1) @Max(120) Integer expiresAfterMonths,
        @NotNull @Min(0) @Max(90) Integer warnDaysAhead,
        @NotBlank(message = "a reason is required for every change of the expiry rule") @Size(max = 500) String reason) {
}
