package org.communitypoints.community.rest;

import jakarta.validation.constraints.Size;

/** @param reason kept in the audit, e.g. 搬迁到外地 */
public record MoveOutRequest(@Size(max = 500) String reason) {
}
