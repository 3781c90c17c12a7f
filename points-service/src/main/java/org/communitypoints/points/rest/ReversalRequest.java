package org.communitypoints.points.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record ReversalRequest(
        @NotBlank(message = "a reason is required for every reversal") @Size(max = 500) String reason) {
}
