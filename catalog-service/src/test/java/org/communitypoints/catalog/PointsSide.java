package org.communitypoints.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.communitypoints.contracts.ContractEvent;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.Topics;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.contracts.events.PointsCaptured;
import org.communitypoints.contracts.events.PointsHeld;
import org.communitypoints.contracts.events.PointsHoldRejected;
import org.communitypoints.contracts.events.PointsReleased;
import org.communitypoints.testsupport.KafkaTestClient;

/** Plays points-service: reads the catalog's requests from the real broker and answers with contract events. */
final class PointsSide implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    final KafkaTestClient kafka = KafkaTestClient.forTests();

    EventEnvelope awaitRequest(String type, UUID redemptionId) {
        return kafka.awaitEvent(Topics.REDEMPTIONS,
                e -> e.type().equals(type) && redemptionId.toString().equals(e.payload().path("redemptionId").asText()),
                WAIT);
    }

    HoldRequested awaitHoldRequested(UUID redemptionId) {
        return EventCodec.payload(awaitRequest("HoldRequested", redemptionId), HoldRequested.class);
    }

    EventEnvelope answer(String community, ContractEvent event) {
        return answer(community, UUID.randomUUID(), event);
    }

    /** An answer with the given event id: points-service derives it from the redemption and the answer's type. */
    EventEnvelope answer(String community, UUID eventId, ContractEvent event) {
        EventEnvelope envelope = EventEnvelope.wrap(eventId, community, Instant.now(), event);
        kafka.publish(envelope);
        return envelope;
    }

    EventEnvelope hold(String community, UUID redemptionId) {
        HoldRequested request = awaitHoldRequested(redemptionId);
        return answer(community, new PointsHeld(redemptionId, request.memberId(), request.points(), request.subsidyPoints(),
                100, request.expiresAt()));
    }

    EventEnvelope rejectHold(String community, UUID redemptionId, long available) {
        HoldRequested request = awaitHoldRequested(redemptionId);
        return answer(community, new PointsHoldRejected(redemptionId, request.memberId(), "INSUFFICIENT_POINTS",
                "需要 " + request.points() + " 积分，可用 " + available + " 积分", available));
    }

    EventEnvelope capture(String community, UUID redemptionId) {
        HoldRequested request = awaitHoldRequested(redemptionId);
        awaitRequest("HoldCaptureRequested", redemptionId);
        return answer(community, new PointsCaptured(redemptionId, request.memberId(), request.partnerId(), request.points(),
                request.subsidyPoints()));
    }

    EventEnvelope release(String community, UUID redemptionId, String reason) {
        HoldRequested request = awaitHoldRequested(redemptionId);
        return answer(community, new PointsReleased(redemptionId, request.memberId(), request.points(), reason));
    }

    /** Points-service holds the redemption; once catalog has confirmed it: {redemption id, voucher code}. */
    String[] confirmedVoucher(String community, String resident, UUID redemptionId) {
        hold(community, redemptionId);
        CatalogFixture.awaitState(resident, redemptionId, "CONFIRMED");
        return new String[] { redemptionId.toString(),
                CatalogFixture.redemption(resident, redemptionId).then().extract().path("voucher.code") };
    }

    @Override
    public void close() {
        kafka.close();
    }
}
