package org.communitypoints.community.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** @param reason shown to the resident in the mini-program */
public record DeclineRequest(@NotBlank @Size(max = 500) String reason) {
}
