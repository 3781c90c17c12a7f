package org.communitypoints.contracts.events;

import java.time.Instant;
import java.util.UUID;

import org.communitypoints.contracts.ContractEvent;

/**
 * catalog-service reserved a seat or stock for a redemption and asks points-service to hold the price.
 *
 * @param points what the resident pays
 * @param subsidyPoints the means-tested discount, paid by the community subsidy pool at capture (0 if none)
 * @param expiresAt when the hold lapses by itself if neither captured nor released
 * @param actedBy the proxy (代办) who placed the redemption for the resident; null when the resident acted
 *        themself (and in events from producers older than this field)
 * @param subsidyCategory the household's means-tested category (a {@link HouseholdCategory} code, e.g. DIBAO) the
 *        discount was given for; null without a discount, and in events from older producers
 * @param requestedAt when the resident (or their proxy) asked: points-service checks the proxy's grant and the
 *        household's category in its own copy of the registry as of then; null from older producers (the envelope's
 *        time is taken)
 * @param receipt the gateway's signed {@link org.communitypoints.contracts.RedemptionReceipt} of the request, in its
 *        wire form: points-service holds nothing without one that names this redemption and this resident (null from
 *        older producers, and then refused)
 */
public record HoldRequested(
        UUID redemptionId,
        String memberId,
        String partnerId,
        String rewardTitle,
        long points,
        long subsidyPoints,
        Instant expiresAt,
        String actedBy,
        String subsidyCategory,
        Instant requestedAt,
        String receipt) implements ContractEvent {

    /** A redemption the resident placed themself, without a discount. */
    public HoldRequested(UUID redemptionId, String memberId, String partnerId, String rewardTitle, long points,
            long subsidyPoints, Instant expiresAt) {
        this(redemptionId, memberId, partnerId, rewardTitle, points, subsidyPoints, expiresAt, null);
    }

    /** A redemption as producers before {@code subsidyCategory} and {@code requestedAt} asked for it. */
    public HoldRequested(UUID redemptionId, String memberId, String partnerId, String rewardTitle, long points,
            long subsidyPoints, Instant expiresAt, String actedBy) {
        this(redemptionId, memberId, partnerId, rewardTitle, points, subsidyPoints, expiresAt, actedBy, null, null);
    }

    /** A redemption as producers before {@code receipt} asked for it. */
    public HoldRequested(UUID redemptionId, String memberId, String partnerId, String rewardTitle, long points,
            long subsidyPoints, Instant expiresAt, String actedBy, String subsidyCategory, Instant requestedAt) {
        this(redemptionId, memberId, partnerId, rewardTitle, points, subsidyPoints, expiresAt, actedBy,
                subsidyCategory, requestedAt, null);
    }

    /** The same request with the gateway's receipt in its wire form. */
    public HoldRequested withReceipt(String wire) {
        return new HoldRequested(redemptionId, memberId, partnerId, rewardTitle, points, subsidyPoints, expiresAt,
                actedBy, subsidyCategory, requestedAt, wire);
    }
}
