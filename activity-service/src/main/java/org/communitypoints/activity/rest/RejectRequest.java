package org.communitypoints.activity.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.communitypoints.activity.service.VerificationService.Rejection;

public record RejectRequest(@NotBlank @Size(max = 500) String reason) {

    Rejection toCommand() {
        return new Rejection(reason);
    }
}
