package org.communitypoints.points.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Staff add (positive) or take off (negative) points, always with a reason. */
public record AdjustmentRequest(
        @NotBlank @Size(max = 200) String memberId,
        @NotNull Long points,
        @NotBlank(message = "a reason is required for every adjustment") @Size(max = 500) String reason) {
}
