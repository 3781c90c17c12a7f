package org.communitypoints.points.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.contracts.DerivedIds;
import org.communitypoints.contracts.EventType;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.contracts.events.PointsCaptureRejected;
import org.communitypoints.contracts.events.PointsCaptured;
import org.communitypoints.contracts.events.PointsHeld;
import org.communitypoints.contracts.events.PointsHoldRejected;
import org.communitypoints.contracts.events.PointsReleased;
import org.communitypoints.platform.data.Outbox;
import org.communitypoints.points.domain.Hold;

/**
 * The answers to catalog-service's redemption requests ({@code Topics.HOLDS}), written to the outbox in the
 * caller's transaction. Each answer's id is derived from the redemption and the answer's type, so a request
 * handled twice can never produce a second, different answer.
 */
@ApplicationScoped
public class HoldEvents {

    private final Outbox outbox;

    public HoldEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** The id of the answer of this type for this redemption: the same on every retry. */
    public static UUID answerId(UUID redemptionId, EventType answer) {
        return DerivedIds.of("answer", redemptionId.toString(), answer.typeName());
    }

    public void held(String communityId, HoldRequested request, long availableAfter) {
        outbox.publish(answerId(request.redemptionId(), EventType.POINTS_HELD), communityId,
                new PointsHeld(request.redemptionId(), request.memberId(), request.points(), request.subsidyPoints(),
                        availableAfter, request.expiresAt()));
    }

    public void holdRejected(String communityId, HoldRequested request, String reason, String message,
            long available) {
        outbox.publish(answerId(request.redemptionId(), EventType.POINTS_HOLD_REJECTED), communityId,
                new PointsHoldRejected(request.redemptionId(), request.memberId(), reason, message, available));
    }

    public void captured(Hold hold) {
        outbox.publish(answerId(hold.redemptionId(), EventType.POINTS_CAPTURED), hold.communityId(),
                new PointsCaptured(hold.redemptionId(), hold.memberId(), hold.partnerId(), hold.points(),
                        hold.subsidyPoints()));
    }

    public void captureRejected(String communityId, UUID redemptionId, String memberId, String reason,
            String message) {
        outbox.publish(answerId(redemptionId, EventType.POINTS_CAPTURE_REJECTED), communityId,
                new PointsCaptureRejected(redemptionId, memberId, reason, message));
    }

    public void released(Hold hold, String reason) {
        outbox.publish(answerId(hold.redemptionId(), EventType.POINTS_RELEASED), hold.communityId(),
                new PointsReleased(hold.redemptionId(), hold.memberId(), hold.points(), reason));
    }
}
