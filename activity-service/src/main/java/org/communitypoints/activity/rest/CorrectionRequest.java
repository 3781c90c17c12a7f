package org.communitypoints.activity.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.communitypoints.activity.service.VerificationService.Correction;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Either other minutes or {@code "void": true}, always with a reason. */
public record CorrectionRequest(@Min(0) @Max(1440) Integer minutes, @JsonProperty("void") boolean voidShift,
        @NotBlank @Size(max = 500) String reason) {

    Correction toCommand() {
        return new Correction(minutes, voidShift, reason);
    }
}
