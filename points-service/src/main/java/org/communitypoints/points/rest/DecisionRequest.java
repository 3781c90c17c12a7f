package org.communitypoints.points.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why a second staff member turns a pending adjustment or funding down: the maker reads it. */
public record DecisionRequest(
        @NotBlank(message = "a reason is required to reject") @Size(max = 500) String reason) {
}
