package org.communitypoints.contracts.events;

import java.time.Instant;
import java.util.UUID;

import org.communitypoints.contracts.ContractEvent;

/**
 * A partner fulfilled the voucher at the counter: capture the hold for the partner.
 *
 * <p>
 * A fully subsidised redemption (the resident pays 0) has no points hold: catalog-service confirms it
 * without one and asks only for this capture, which then books the subsidy leg alone (subsidy pool →
 * partner). For that, the capture carries the price as the hold request did. A capture from an older
 * producer carries neither (both read as 0) and is applied to the hold as before.
 *
 * @param points what the resident pays, as in {@link HoldRequested#points()}; 0 with {@code subsidyPoints > 0}
 *        and no hold means "fully subsidised"
 * @param subsidyPoints what the community subsidy pool pays, as in {@link HoldRequested#subsidyPoints()}
 * @param rewardTitle the reward, for the passbook line when no hold named it; may be null
 * @param actedBy as in {@link HoldRequested#actedBy()}: checked when the capture comes without a hold
 * @param subsidyCategory as in {@link HoldRequested#subsidyCategory()}: checked when the capture comes without a hold
 * @param requestedAt as in {@link HoldRequested#requestedAt()}
 * @param receipt as in {@link HoldRequested#receipt()}: checked when the capture comes without a hold
 */
public record HoldCaptureRequested(
        UUID redemptionId,
        String memberId,
        String partnerId,
        String fulfilledBy,
        Instant fulfilledAt,
        long points,
        long subsidyPoints,
        String rewardTitle,
        String actedBy,
        String subsidyCategory,
        Instant requestedAt,
        String receipt) implements ContractEvent {

    /** A capture of a held redemption, without the price (points-service takes it from the hold). */
    public HoldCaptureRequested(UUID redemptionId, String memberId, String partnerId, String fulfilledBy,
            Instant fulfilledAt) {
        this(redemptionId, memberId, partnerId, fulfilledBy, fulfilledAt, 0, 0, null);
    }

    /** A capture as producers before {@code actedBy}, {@code subsidyCategory} and {@code requestedAt} sent it. */
    public HoldCaptureRequested(UUID redemptionId, String memberId, String partnerId, String fulfilledBy,
            Instant fulfilledAt, long points, long subsidyPoints, String rewardTitle) {
        this(redemptionId, memberId, partnerId, fulfilledBy, fulfilledAt, points, subsidyPoints, rewardTitle, null,
                null, null);
    }

    /** A capture as producers before {@code receipt} sent it. */
    public HoldCaptureRequested(UUID redemptionId, String memberId, String partnerId, String fulfilledBy,
            Instant fulfilledAt, long points, long subsidyPoints, String rewardTitle, String actedBy,
            String subsidyCategory, Instant requestedAt) {
        this(redemptionId, memberId, partnerId, fulfilledBy, fulfilledAt, points, subsidyPoints, rewardTitle, actedBy,
                subsidyCategory, requestedAt, null);
    }

    /** The same capture with the gateway's receipt in its wire form. */
    public HoldCaptureRequested withReceipt(String wire) {
        return new HoldCaptureRequested(redemptionId, memberId, partnerId, fulfilledBy, fulfilledAt, points,
                subsidyPoints, rewardTitle, actedBy, subsidyCategory, requestedAt, wire);
    }
}
