package org.communitypoints.catalog.rest;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

public record SessionRequest(@NotNull Instant startsAt, @NotNull Instant endsAt, @NotNull @PositiveOrZero Integer capacity) {
}
