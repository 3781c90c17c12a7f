package org.communitypoints.points.rest;

import java.util.UUID;

/**
 * A donation booked (resident → subsidy pool).
 *
 * @param stillExpiring what still lapses by the end of next month after it
 */
public record ExpiryDonationResponse(UUID transactionId, long points, long stillExpiring) {
}
