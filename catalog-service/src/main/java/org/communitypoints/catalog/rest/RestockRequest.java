package org.communitypoints.catalog.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

public record RestockRequest(@NotNull @Positive @Max(100000) Integer quantity) {
}
