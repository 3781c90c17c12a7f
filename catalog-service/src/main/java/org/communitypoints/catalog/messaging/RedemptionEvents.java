package org.communitypoints.catalog.messaging;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.catalog.domain.EligibilityCategory;
import org.communitypoints.catalog.domain.Redemption;
import org.communitypoints.catalog.domain.RedemptionState;
import org.communitypoints.contracts.DerivedIds;
import org.communitypoints.contracts.events.HoldCaptureRequested;
import org.communitypoints.contracts.events.HoldReleaseRequested;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.platform.data.Outbox;
import org.communitypoints.platform.data.Outbox.NewEvent;

/**
 * The catalog's side of the redemption saga, written to the outbox in the caller's transaction (the
 * outbox refuses to run without one). Event ids are derived from the redemption and the step
 * ({@link DerivedIds}), so however often a step is retried, points-service sees one request per step.
 *
 * <p>
 * A re-send ({@link #resend}) is a new event with an id derived from the step and the re-send's number: the
 * first request may have been processed (its id is in points-service's processed events, where a repeat of the
 * same id would be skipped without an answer), so the re-send must reach points-service's per-redemption logic,
 * which applies a hold, capture or release of one redemption at most once (the hold row and its recorded
 * answers). The number makes the id stable if the job's transaction is retried, and distinct from every earlier
 * re-send, which may still sit in the outbox while Kafka is away.
 */
@ApplicationScoped
public class RedemptionEvents {

    public static final String HOLD = "hold-requested";
    public static final String CAPTURE = "capture-requested";
    public static final String RELEASE = "release-requested";

    private final Outbox outbox;

    public RedemptionEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    static UUID eventId(UUID redemptionId, String step) {
        return DerivedIds.of("redemption-step", redemptionId.toString(), step);
    }

    static UUID resendId(UUID redemptionId, String step, int resend) {
        return DerivedIds.of("redemption-step", redemptionId.toString(), step, "resend", String.valueOf(resend));
    }

    public void holdRequested(Redemption r) {
        outbox.publish(eventId(r.id, HOLD), r.communityId, hold(r));
    }

    /**
     * The hold requests of many new redemptions in one outbox statement, each as {@link #holdRequested} writes it
     * (the same id and content): a batch of requests pays one round trip for its events.
     */
    public void holdRequestedAll(List<Redemption> news) {
        outbox.publishAll(news.stream().map(r -> new NewEvent(eventId(r.id, HOLD), r.communityId, hold(r))).toList());
    }

    /**
     * The voucher was taken at the counter. The capture carries the price, so that a redemption the resident
     * pays nothing for (no points hold) is captured as its subsidy leg alone.
     */
    public void captureRequested(Redemption r) {
        outbox.publish(eventId(r.id, CAPTURE), r.communityId, capture(r));
    }

    /** One release per redemption: it ends either by cancellation or by expiry, never both. */
    public void releaseRequested(Redemption r, String reason) {
        outbox.publish(eventId(r.id, RELEASE), r.communityId, new HoldReleaseRequested(r.id, r.memberId, reason));
    }

    /**
     * Asks points-service again for the step's answer, with the same content as the first request.
     *
     * @param step {@link #HOLD}, {@link #CAPTURE} or {@link #RELEASE}
     * @param resend 1 for the first re-send, and so on
     */
    public void resend(Redemption r, String step, int resend) {
        UUID id = resendId(r.id, step, resend);
        switch (step) {
            case HOLD -> outbox.publish(id, r.communityId, hold(r));
            case CAPTURE -> outbox.publish(id, r.communityId, capture(r));
            case RELEASE -> outbox.publish(id, r.communityId, new HoldReleaseRequested(r.id, r.memberId,
                    r.state == RedemptionState.CANCELLED ? "CANCELLED" : "EXPIRED"));
            default -> throw new IllegalArgumentException("no such step of the saga: " + step);
        }
    }

    /**
     * Built from the redemption row alone, for the first request and every re-send: the gateway's receipt kept with
     * the redemption goes with each, as points-service holds nothing without it.
     */
    private static HoldRequested hold(Redemption r) {
        return new HoldRequested(r.id, r.memberId, r.partnerId, r.rewardTitle, r.points, r.subsidyPoints,
                r.holdExpiresAt, r.actedBy, householdCategoryOf(r), r.createdAt, r.receipt);
    }

    /**
     * With the receipt too: points-service checks it on a capture that comes without a hold (as a fully subsidised
     * redemption once did, and may still for one placed before the subsidy was held) as on a hold request; for a
     * capture of a hold it changes nothing.
     */
    private static HoldCaptureRequested capture(Redemption r) {
        return new HoldCaptureRequested(r.id, r.memberId, r.partnerId, r.fulfilledBy, r.fulfilledAt, r.points,
                r.subsidyPoints, r.rewardTitle, r.actedBy, householdCategoryOf(r), r.createdAt, r.receipt);
    }

    /**
     * The registry's code of the category the discount was given for (points-service checks it in its own copy of
     * the registry); null without a discount.
     */
    private static String householdCategoryOf(Redemption r) {
        return r.subsidyCategory == null || r.subsidyPoints == 0 ? null
                : EligibilityCategory.valueOf(r.subsidyCategory).householdCategory().name();
    }
}
