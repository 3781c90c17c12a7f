package org.communitypoints.community.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** @param reason kept in the audit, e.g. 搬迁到外地: a membership is never closed without saying why */
public record MoveOutRequest(@NotBlank @Size(max = 500) String reason) {
}
