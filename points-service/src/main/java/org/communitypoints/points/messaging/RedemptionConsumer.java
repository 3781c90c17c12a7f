package org.communitypoints.points.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitypoints.contracts.EventType;
import org.communitypoints.contracts.events.HoldCaptureRequested;
import org.communitypoints.contracts.events.HoldReleaseRequested;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.platform.data.InboundRecords;
import org.communitypoints.points.service.HoldService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/**
 * Consumes catalog-service's hold, capture and release requests, one transaction per request. While the
 * database is away a request waits (and the ones behind it) until it can be applied; only a request that
 * can never be applied is dead-lettered ({@link InboundRecords}).
 */
@ApplicationScoped
public class RedemptionConsumer {

    static final String CHANNEL = "redemptions";

    private final HoldService holds;
    private final InboundRecords inbound;

    public RedemptionConsumer(HoldService holds, InboundRecords inbound) {
        this.holds = holds;
        this.inbound = inbound;
    }

    @Incoming(CHANNEL)
    // ordered: a release never overtakes the hold it releases
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        // each attempt is a transaction of its own (HoldService.handle opens it)
        inbound.apply(CHANNEL, record, r -> Inbound.decode(r, EventType.HOLD_REQUESTED,
                EventType.HOLD_CAPTURE_REQUESTED, EventType.HOLD_RELEASE_REQUESTED)
                .ifPresent(request -> {
                    validate(request);
                    holds.handle(request.envelope(), request.payload());
                }));
    }

    private static void validate(Inbound.Decoded event) {
        if (event.payload() instanceof HoldRequested hold) {
            Inbound.require(hold.redemptionId() != null, event, "redemptionId is missing");
            Inbound.require(hold.partnerId() != null && !hold.partnerId().isBlank(), event, "partnerId is missing");
            // 0 is a fully subsidised redemption: answered as held 0, nothing frozen
            Inbound.require(hold.points() >= 0, event, "points must not be negative, was " + hold.points());
            Inbound.require(hold.subsidyPoints() >= 0, event, "subsidyPoints must not be negative");
            Inbound.require(hold.rewardTitle() != null && !hold.rewardTitle().isBlank(), event, "rewardTitle is missing");
            Inbound.require(hold.expiresAt() != null && hold.expiresAt().isAfter(Instant.EPOCH), event,
                    "expiresAt is missing");
        } else if (event.payload() instanceof HoldCaptureRequested capture) {
            Inbound.require(capture.redemptionId() != null, event, "redemptionId is missing");
            Inbound.require(capture.points() >= 0 && capture.subsidyPoints() >= 0, event,
                    "points and subsidyPoints must not be negative");
        } else if (event.payload() instanceof HoldReleaseRequested release) {
            Inbound.require(release.redemptionId() != null, event, "redemptionId is missing");
        }
    }
}
