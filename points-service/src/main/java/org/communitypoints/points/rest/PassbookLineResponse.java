package org.communitypoints.points.rest;

import java.time.Instant;
import java.util.UUID;

import org.communitypoints.points.domain.TransactionKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One line of a passbook: one movement and the balances right after it. A hold (冻结) moves points from available
 * to held and leaves posted alone; a capture takes them out of held and posted; a release or expiry (解冻) gives
 * them back to available.
 *
 * @param description what the resident reads, in the caller's language (Accept-Language), with "由 X 代办" when a
 *        proxy acted
 * @param amount the change to the posted points (0 for a hold or a release)
 * @param heldChange the change to the points held: positive when frozen, negative when captured or released
 * @param postedAfter posted points after this line
 * @param heldAfter points held after this line
 * @param availableAfter what the resident could spend after this line: postedAfter − heldAfter
 * @param runningBalance the same as postedAfter, kept for clients written before the held columns
 * @param actedBy the proxy (代办) who acted for the resident; null when the resident acted themself
 * @param actedByName the proxy's display name (their id when the registry does not know it); null with actedBy
 */
public record PassbookLineResponse(long sequence, Instant postedAt, String description, long amount,
        long heldChange, long postedAfter, long heldAfter, long availableAfter, long runningBalance,
        TransactionKind kind, UUID transactionId, @Schema(nullable = true) String actedBy,
        @Schema(nullable = true) String actedByName) {
}
