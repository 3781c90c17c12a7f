package org.communitypoints.reconciler.model;

import java.time.Instant;

/**
 * A redemption as catalog-service reports it.
 *
 * @param points what the resident pays
 * @param subsidyPoints what the community subsidy pool pays on top
 * @param holdExpiresAt when the hold lapses by itself; null if unknown
 * @param stateSince when it entered {@code state}
 * @param captureConfirmed the catalog has heard back that the capture was made (its CAPTURED state):
 *        such vouchers make up the partner's settlement
 * @param reasonCode why it entered its state (its newest change's reason, e.g. INSUFFICIENT_POINTS); null if none
 */
public record Redemption(
        String redemptionId,
        String memberId,
        String partnerId,
        String communityId,
        RedemptionState state,
        long points,
        long subsidyPoints,
        Instant holdExpiresAt,
        Instant stateSince,
        boolean captureConfirmed,
        String reasonCode) {
}
