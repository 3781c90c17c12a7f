package org.communitypoints.catalog.rest;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

public record SessionRequest(@NotNull Instant startsAt, @NotNull Instant endsAt,
        @NotNull @PositiveOrZero @Max(10_000) Integer capacity) {
}
