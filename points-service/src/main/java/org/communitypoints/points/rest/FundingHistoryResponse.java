package org.communitypoints.points.rest;

import java.util.List;

/** A funding of the subsidy pool with every decision about it, oldest first. */
public record FundingHistoryResponse(FundingResponse funding, List<AuditEntryResponse> history) {
}
