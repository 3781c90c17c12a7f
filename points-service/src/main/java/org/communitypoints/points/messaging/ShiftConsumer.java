package org.communitypoints.points.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.communitypoints.contracts.EventType;
import org.communitypoints.contracts.events.ShiftCorrected;
import org.communitypoints.contracts.events.ShiftVerified;
import org.communitypoints.platform.data.InboundRecord;
import org.communitypoints.platform.data.InboundRecords;
import org.communitypoints.points.config.PointsConfig;
import org.communitypoints.points.service.ShiftCreditingService;
import org.communitypoints.points.service.ShiftEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes activity-service's shifts in batches: each partition's share of a poll is credited in one
 * database transaction, the shares side by side. {@link InboundRecords} waits out a database outage on each
 * share (nothing is dead-lettered or skipped meanwhile) and, when a share fails for good, splits it so that
 * only the record that can never be processed goes to the dead-letter store and the rest is credited.
 */
@ApplicationScoped
public class ShiftConsumer {

    static final String CHANNEL = "shifts";
    private static final Logger LOG = Logger.getLogger(ShiftConsumer.class);

    private final ShiftCreditingService crediting;
    private final InboundRecords inbound;
    private final PartitionShares partitionShares;

    public ShiftConsumer(ShiftCreditingService crediting, InboundRecords inbound, PointsConfig config) {
        this.crediting = crediting;
        this.inbound = inbound;
        this.partitionShares = new PartitionShares("shift-partition-worker", config.consumer().parallelPartitions());
    }

    @Incoming(CHANNEL)
    // ordered: one batch at a time, so a resident's correction never overtakes the credit it corrects
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        long started = System.nanoTime();
        partitionShares.apply(records, this::apply);
        if (LOG.isDebugEnabled()) {
            LOG.debugf("Applied %d shift records in %d ms", records.count(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    private void apply(List<ConsumerRecord<String, String>> share) {
        // each attempt is a transaction of its own (ShiftCreditingService.apply opens it)
        inbound.applyPartition(CHANNEL, share, records -> crediting.apply(read(records)));
    }

    @PreDestroy
    void stop() {
        partitionShares.close();
    }

    private static List<ShiftEvent> read(List<ConsumerRecord<String, String>> records) {
        List<ShiftEvent> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            read(record).ifPresent(events::add);
        }
        return events;
    }

    private static Optional<ShiftEvent> read(ConsumerRecord<String, String> record) {
        return Inbound.decode(record, EventType.SHIFT_VERIFIED, EventType.SHIFT_CORRECTED).map(event -> {
            if (event.payload() instanceof ShiftVerified shift) {
                Inbound.require(shift.shiftId() != null, event, "shiftId is missing");
                Inbound.require(shift.points() > 0, event, "points must be positive, was " + shift.points());
            } else if (event.payload() instanceof ShiftCorrected correction) {
                Inbound.require(correction.correctionId() != null, event, "correctionId is missing");
                Inbound.require(correction.previousPoints() >= 0 && correction.correctedPoints() >= 0, event,
                        "points must not be negative");
            }
            return new ShiftEvent(event.envelope().eventId(), event.envelope().type(), event.envelope().communityId(),
                    event.payload(), InboundRecord.of(record));
        });
    }
}
