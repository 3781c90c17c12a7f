package org.communitypoints.activity.rest;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.communitypoints.activity.domain.Rounding;
import org.communitypoints.activity.service.KindService.NewRule;

/** A new rule version; {@code validFrom} defaults to now and may not lie in the past. */
public record NewRuleRequest(
        @NotNull @Min(1) @Max(10_000) Integer pointsPerHour,
        @NotNull Rounding rounding,
        @NotNull @Min(0) @Max(1440) Integer minimumMinutes,
        @NotNull @Min(1) @Max(1_000_000) Integer dailyCapPoints,
        Instant validFrom) {

    NewRule toCommand() {
        return new NewRule(pointsPerHour, rounding, minimumMinutes, dailyCapPoints, validFrom);
    }
}
