package org.communitypoints.reconciler.model;

import java.time.Instant;

/**
 * A redemption request points-service refused because nothing confirmed it: no gateway receipt of the resident's
 * request, or a proxy's grant or household category its copy of the registry does not hold. No points moved for it;
 * what matters is whether the catalog has the redemption it names, since a request written straight into the catalog's
 * outbox has none.
 *
 * @param reason the refusal's code (REQUEST_NOT_CONFIRMED, PROXY_NOT_CONFIRMED, SUBSIDY_NOT_CONFIRMED)
 * @param points the resident's points the request asked to hold
 * @param subsidyPoints the community pool's points it asked for on top
 * @param refusedAt when points-service refused it; null if the export did not say
 */
public record UnconfirmedRequest(
        String redemptionId,
        String memberId,
        String partnerId,
        String communityId,
        String reason,
        long points,
        long subsidyPoints,
        Instant refusedAt) {
}
