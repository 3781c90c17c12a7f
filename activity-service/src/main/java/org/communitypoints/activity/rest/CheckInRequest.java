package org.communitypoints.activity.rest;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.communitypoints.activity.service.RecordingService.CheckIn;

/**
 * @param walkIn true for a volunteer who did not sign up beforehand
 * @param at when the phone noted the check-in while offline; the server's clock when absent
 */
public record CheckInRequest(@NotBlank @Size(max = 100) String memberId, boolean walkIn, Instant at) {

    CheckIn toCommand() {
        return new CheckIn(memberId, walkIn, at);
    }
}
