package org.communitypoints.points.rest;

import java.util.List;

/** An adjustment with every decision about it, oldest first. */
public record AdjustmentHistoryResponse(AdjustmentResponse adjustment, List<AuditEntryResponse> history) {
}
