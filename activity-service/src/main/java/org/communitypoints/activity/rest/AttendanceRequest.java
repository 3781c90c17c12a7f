package org.communitypoints.activity.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** @param code the six digits the activity's screen shows */
public record AttendanceRequest(@NotBlank @Size(max = 20) String code) {
}
