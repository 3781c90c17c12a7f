package org.communitypoints.points.rest;

import java.util.UUID;

/** The adjustment booked and the resident's points right after it. */
public record AdjustmentResponse(UUID transactionId, String communityId, String memberId, long points,
        String reason, long posted, long held, long available) {
}
