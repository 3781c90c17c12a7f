package org.communitypoints.points.messaging;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitypoints.contracts.EventType;
import org.communitypoints.contracts.events.HoldCaptureRequested;
import org.communitypoints.contracts.events.HoldReleaseRequested;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.platform.data.Retrying;
import org.communitypoints.platform.data.TransientFailures;
import org.communitypoints.points.service.DeadLetterService;
import org.communitypoints.points.service.HoldService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/** Consumes catalog-service's hold, capture and release requests, one transaction per request. */
@ApplicationScoped
public class RedemptionConsumer {

    private final HoldService holds;
    private final DeadLetterService deadLetters;
    private final Retrying retrying;

    public RedemptionConsumer(HoldService holds, DeadLetterService deadLetters, Retrying retrying) {
        this.holds = holds;
        this.deadLetters = deadLetters;
        this.retrying = retrying;
    }

    @Incoming("redemptions")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        Optional<Inbound.Decoded> request;
        try {
            request = Inbound.decode(record, EventType.HOLD_REQUESTED, EventType.HOLD_CAPTURE_REQUESTED,
                    EventType.HOLD_RELEASE_REQUESTED);
            request.ifPresent(RedemptionConsumer::validate);
        } catch (Inbound.Unprocessable e) {
            deadLetters.send(Inbound.source(record), e.getMessage());
            return;
        }
        if (request.isEmpty()) {
            return;
        }
        try {
            // each attempt is a transaction of its own (HoldService.handle opens it)
            retrying.run(() -> holds.handle(request.get().envelope(), request.get().payload()));
        } catch (RuntimeException e) {
            if (TransientFailures.isTransient(e)) {
                throw e; // still failing after the retries: the channel fails and readiness goes down
            }
            deadLetters.send(request.get().source(), "cannot be applied: " + Inbound.reason(e));
        }
    }

    private static void validate(Inbound.Decoded event) {
        if (event.payload() instanceof HoldRequested hold) {
            Inbound.require(hold.redemptionId() != null, event, "redemptionId is missing");
            Inbound.require(hold.partnerId() != null && !hold.partnerId().isBlank(), event, "partnerId is missing");
            Inbound.require(hold.points() > 0, event, "points must be positive, was " + hold.points());
            Inbound.require(hold.subsidyPoints() >= 0, event, "subsidyPoints must not be negative");
            Inbound.require(hold.rewardTitle() != null && !hold.rewardTitle().isBlank(), event, "rewardTitle is missing");
            Inbound.require(hold.expiresAt() != null && hold.expiresAt().isAfter(Instant.EPOCH), event,
                    "expiresAt is missing");
        } else if (event.payload() instanceof HoldCaptureRequested capture) {
            Inbound.require(capture.redemptionId() != null, event, "redemptionId is missing");
        } else if (event.payload() instanceof HoldReleaseRequested release) {
            Inbound.require(release.redemptionId() != null, event, "redemptionId is missing");
        }
    }
}
