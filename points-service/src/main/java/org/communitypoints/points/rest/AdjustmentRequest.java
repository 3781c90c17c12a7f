package org.communitypoints.points.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Staff add (positive) or take off (negative) points, always with a reason. The bounds here are the widest any
 * configuration could allow (a sum of them cannot overflow); the configured {@code points.adjustment.max-points}
 * is checked by the service and named in its own refusal.
 */
public record AdjustmentRequest(
        @NotBlank @Size(max = 200) String memberId,
        @NotNull @Min(-1_000_000) @Max(1_000_000) Long points,
        @NotBlank(message = "a reason is required for every adjustment") @Size(max = 500) String reason) {
}
