package org.communitypoints.points.rest;

import java.util.UUID;

/**
 * The reversing transaction booked.
 *
 * @param reverses the transaction it undoes
 */
public record ReversalResponse(UUID transactionId, UUID reverses, String description, String reason) {
}
