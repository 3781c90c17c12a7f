package org.communitypoints.contracts.export;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A redemption request points-service refused because nothing confirmed it
 * ({@code GET /api/points/exports/unconfirmed-requests}, an {@link ExportPage} of these, in the order they were
 * refused): no gateway receipt of the resident's request ({@code REQUEST_NOT_CONFIRMED}), or a proxy's grant or a
 * household's category that points-service's copy of the registry does not hold ({@code PROXY_NOT_CONFIRMED},
 * {@code SUBSIDY_NOT_CONFIRMED}). No points moved for any of them; the reconciler looks for the redemption each names
 * in the catalog's books, since a request written straight into the catalog's outbox has none there.
 *
 * @param redemptionId the redemption the request named
 * @param communityId the community the request's envelope named
 * @param memberId the resident whose points the request asked to hold
 * @param partnerId the partner the points would have gone to
 * @param reason the refusal's code
 * @param points the resident's points asked for
 * @param subsidyPoints the community pool's points asked for
 * @param refusedAt when points-service refused it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UnconfirmedRequest(
        UUID redemptionId,
        String communityId,
        String memberId,
        String partnerId,
        String reason,
        long points,
        long subsidyPoints,
        Instant refusedAt) {
}
