package org.communitypoints.points.messaging;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.contracts.DerivedIds;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
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
 * handled twice can never produce a second, different answer. Each method returns the envelope written, which the
 * caller records: {@link #resend} publishes that same envelope again when catalog-service asks again.
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

    public EventEnvelope held(String communityId, HoldRequested request, long availableAfter) {
        return publish(heldAnswer(communityId, request, availableAfter));
    }

    public EventEnvelope holdRejected(String communityId, HoldRequested request, String reason, String message,
            long available) {
        return publish(holdRejectedAnswer(communityId, request, reason, message, available));
    }

    /** The PointsHeld answer, not yet written: for {@link #publishAll}. */
    public static Outbox.NewEvent heldAnswer(String communityId, HoldRequested request, long availableAfter) {
        return new Outbox.NewEvent(answerId(request.redemptionId(), EventType.POINTS_HELD), communityId,
                new PointsHeld(request.redemptionId(), request.memberId(), request.points(), request.subsidyPoints(),
                        availableAfter, request.expiresAt()));
    }

    /** The PointsHoldRejected answer, not yet written: for {@link #publishAll}. */
    public static Outbox.NewEvent holdRejectedAnswer(String communityId, HoldRequested request, String reason,
            String message, long available) {
        return new Outbox.NewEvent(answerId(request.redemptionId(), EventType.POINTS_HOLD_REJECTED), communityId,
                new PointsHoldRejected(request.redemptionId(), request.memberId(), reason, message, available));
    }

    /** Writes a poll's answers to the outbox with one statement, in their order; returns the envelopes written. */
    public List<EventEnvelope> publishAll(List<Outbox.NewEvent> answers) {
        return outbox.publishAll(answers);
    }

    private EventEnvelope publish(Outbox.NewEvent answer) {
        return outbox.publish(answer.eventId(), answer.communityId(), answer.event());
    }

    public EventEnvelope captured(Hold hold) {
        return outbox.publish(answerId(hold.redemptionId(), EventType.POINTS_CAPTURED), hold.communityId(),
                new PointsCaptured(hold.redemptionId(), hold.memberId(), hold.partnerId(), hold.points(),
                        hold.subsidyPoints()));
    }

    public EventEnvelope captureRejected(String communityId, UUID redemptionId, String memberId, String reason,
            String message) {
        return outbox.publish(answerId(redemptionId, EventType.POINTS_CAPTURE_REJECTED), communityId,
                new PointsCaptureRejected(redemptionId, memberId, reason, message));
    }

    public EventEnvelope released(Hold hold, String reason) {
        return outbox.publish(answerId(hold.redemptionId(), EventType.POINTS_RELEASED), hold.communityId(),
                new PointsReleased(hold.redemptionId(), hold.memberId(), hold.points(), reason));
    }

    /**
     * Publishes a recorded answer again, byte for byte and under its own event id: a consumer that did get the
     * first copy drops this one as a duplicate, one that lost it gets it now.
     *
     * @param envelope the answer as {@link EventCodec#encode encoded} when it was first published
     */
    public void resend(String envelope) {
        EventEnvelope answer = EventCodec.decode(envelope);
        outbox.publishRecord(answer.eventId(), EventType.byName(answer.type()).orElseThrow().topic(), answer.key(),
                envelope);
    }
}
