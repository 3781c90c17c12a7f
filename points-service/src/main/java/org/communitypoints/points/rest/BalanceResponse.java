package org.communitypoints.points.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A resident's points.
 *
 * @param held points set aside by redemptions not yet fulfilled
 * @param available what the resident can still spend: posted minus held
 * @param asOf the moment asked for; null for "now"
 */
public record BalanceResponse(String communityId, String memberId, long posted, long held, long available,
        @Schema(nullable = true) Instant asOf) {
}
