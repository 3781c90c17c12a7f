package org.communitypoints.points.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.communitypoints.contracts.EventType;
import org.communitypoints.contracts.events.HoldCaptureRequested;
import org.communitypoints.contracts.events.HoldReleaseRequested;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.platform.data.InboundRecords;
import org.communitypoints.points.service.HoldService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/**
 * Consumes catalog-service's hold, capture and release requests a poll at a time: the whole poll is applied in one
 * transaction ({@link HoldService#handleAll}), each partition's requests in their order. One commit answers every
 * request of the poll, which is what lets the saga keep up with hundreds of redemptions a second.
 *
 * <p>
 * Not one transaction per partition side by side, as {@link ShiftConsumer} credits shifts: every hold locks the
 * partner's account row (the canteen's, for a whole community's meals), so the partitions' transactions queued on
 * that row one behind the other, each with its own commit; at 50 redemptions a second the requests waited 0.4 s
 * (median) in front of this consumer for those commits (docs/benchmarks.md, the saga at a target rate). While the
 * database is away the poll waits until it can be applied; a poll that fails for good is split so that only the
 * request that can never be applied is dead-lettered ({@link InboundRecords}) and the rest is applied.
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
    // ordered: one batch at a time, and a partition's requests in order, so a release never overtakes its hold
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        // partition after partition, each partition's records in offset order: a release never overtakes its hold
        List<ConsumerRecord<String, String>> poll = new ArrayList<>(records.count());
        records.forEach(poll::add);
        // each attempt is a transaction of its own (HoldService.handleAll opens it)
        inbound.applyPartition(CHANNEL, poll, share -> holds.handleAll(read(share)));
    }

    private static List<HoldService.Request> read(List<ConsumerRecord<String, String>> records) {
        List<HoldService.Request> requests = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            Inbound.decode(record, EventType.HOLD_REQUESTED, EventType.HOLD_CAPTURE_REQUESTED,
                    EventType.HOLD_RELEASE_REQUESTED).ifPresent(request -> {
                        validate(request);
                        requests.add(new HoldService.Request(request.envelope(), request.payload()));
                    });
        }
        return requests;
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
