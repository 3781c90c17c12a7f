package org.communitypoints.activity.rest;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.communitypoints.activity.service.ActivityService.NewActivity;

public record CreateActivityRequest(
        @NotBlank @Size(max = 200) String title,
        @NotNull UUID kindId,
        @NotBlank @Size(max = 200) String place,
        @NotNull Instant startsAt,
        @NotNull Instant endsAt,
        @NotNull @Min(1) @Max(10_000) Integer capacity) {

    NewActivity toCommand() {
        return new NewActivity(title, kindId, place, startsAt, endsAt, capacity);
    }
}
