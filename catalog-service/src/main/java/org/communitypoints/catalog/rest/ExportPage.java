package org.communitypoints.catalog.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.communitypoints.catalog.domain.RedemptionState;

/**
 * One page of redemptions changed after a cursor, in change order.
 *
 * Items carry {@code holdExpiresAt}, the moment points-service may release the hold by itself, so a
 * reconciler can tell a stale hold from a booking made weeks ahead.
 *
 * @param nextCursor pass as {@code after} for the next page; equal to the request's when nothing changed
 */
public record ExportPage(List<Item> items, long nextCursor) {

    public record Item(
            UUID id,
            long cursor,
            String communityId,
            String memberId,
            String partnerId,
            UUID rewardId,
            String rewardTitle,
            long points,
            long subsidyPoints,
            RedemptionState state,
            String voucherCode,
            Instant createdAt,
            Instant fulfilledAt,
            Instant capturedAt,
            Instant releasedAt,
            Instant holdExpiresAt,
            List<Change> history) {
    }

    public record Change(String state, String reasonCode, Instant at) {
    }
}
