package org.communitypoints.activity.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.communitypoints.activity.domain.Rounding;
import org.communitypoints.activity.service.KindService.NewKind;

/** A new kind with its first points rule (version 1, in force for every shift of the kind). */
public record CreateKindRequest(
        @NotBlank @Size(max = 50) @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "lower-case letters, digits and -") String code,
        @NotBlank @Size(max = 200) String name,
        @NotNull @Min(1) @Max(10_000) Integer pointsPerHour,
        @NotNull Rounding rounding,
        @NotNull @Min(0) @Max(1440) Integer minimumMinutes,
        @NotNull @Min(1) @Max(1_000_000) Integer dailyCapPoints) {

    NewKind toCommand() {
        return new NewKind(code, name, pointsPerHour, rounding, minimumMinutes, dailyCapPoints);
    }
}
