package org.communitypoints.catalog.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.catalog.domain.Redemption;
import org.communitypoints.contracts.DerivedIds;
import org.communitypoints.contracts.events.HoldCaptureRequested;
import org.communitypoints.contracts.events.HoldReleaseRequested;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.platform.data.Outbox;

/**
 * The catalog's side of the redemption saga, written to the outbox in the caller's transaction (the
 * outbox refuses to run without one). Event ids are derived from the redemption and the step
 * ({@link DerivedIds}), so however often a step is retried, points-service sees one request per step.
 */
@ApplicationScoped
public class RedemptionEvents {

    private final Outbox outbox;

    public RedemptionEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    static UUID eventId(UUID redemptionId, String step) {
        return DerivedIds.of("redemption-step", redemptionId.toString(), step);
    }

    public void holdRequested(Redemption r) {
        outbox.publish(eventId(r.id, "hold-requested"), r.communityId, new HoldRequested(r.id, r.memberId,
                r.partnerId, r.rewardTitle, r.points, r.subsidyPoints, r.holdExpiresAt));
    }

    public void captureRequested(Redemption r, String staffId, Instant at) {
        outbox.publish(eventId(r.id, "capture-requested"), r.communityId,
                new HoldCaptureRequested(r.id, r.memberId, r.partnerId, staffId, at));
    }

    /** One release per redemption: it ends either by cancellation or by expiry, never both. */
    public void releaseRequested(Redemption r, String reason) {
        outbox.publish(eventId(r.id, "release-requested"), r.communityId,
                new HoldReleaseRequested(r.id, r.memberId, reason));
    }
}
