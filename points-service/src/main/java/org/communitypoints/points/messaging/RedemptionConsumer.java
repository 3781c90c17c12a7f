package org.communitypoints.points.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.communitypoints.contracts.EventType;
import org.communitypoints.contracts.events.HoldCaptureRequested;
import org.communitypoints.contracts.events.HoldReleaseRequested;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.platform.data.InboundRecords;
import org.communitypoints.points.config.PointsConfig;
import org.communitypoints.points.service.HoldService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/**
 * Consumes catalog-service's hold, capture and release requests in batches, as {@link ShiftConsumer} credits shifts:
 * each partition's share of a poll is applied in one transaction ({@link HoldService#handleAll}), the shares side by
 * side. One commit then answers a whole share instead of one request, which is what lets the saga keep up with
 * hundreds of redemptions a second. While the database is away a share waits (and the ones behind it) until it can be
 * applied; a share that fails for good is split so that only the request that can never be applied is dead-lettered
 * ({@link InboundRecords}) and the rest is applied.
 */
@ApplicationScoped
public class RedemptionConsumer {

    static final String CHANNEL = "redemptions";

    private final HoldService holds;
    private final InboundRecords inbound;
    private final PartitionShares partitionShares;

    public RedemptionConsumer(HoldService holds, InboundRecords inbound, PointsConfig config) {
        this.holds = holds;
        this.inbound = inbound;
        this.partitionShares = new PartitionShares("redemption-partition-worker",
                config.consumer().parallelPartitions());
    }

    @Incoming(CHANNEL)
    // ordered: one batch at a time, and a partition's requests in order, so a release never overtakes its hold
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        partitionShares.apply(records, this::apply);
    }

    private void apply(List<ConsumerRecord<String, String>> share) {
        // each attempt is a transaction of its own (HoldService.handleAll opens it)
        inbound.applyPartition(CHANNEL, share, records -> holds.handleAll(read(records)));
    }

    @PreDestroy
    void stop() {
        partitionShares.close();
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
