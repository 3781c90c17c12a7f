package org.communitypoints.catalog.messaging;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitypoints.catalog.service.HoldOutcomeService;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.EventType;
import org.communitypoints.platform.data.InboundRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;

/**
 * points-service's answers (topic points.holds), one record at a time in partition order, each applied in a
 * transaction of its own by {@link HoldOutcomeService#apply}. Failures are {@link InboundRecords}' business: a
 * transient one (database away, deadlock, lock timeout) is retried for as long as it lasts, holding the
 * partition, so a valid PointsHeld or PointsCaptured is never given up on; a record that can never be applied
 * (not an envelope, a payload that does not fit) goes to the dead-letter store and
 * {@code points.holds.dead-letter} at once, where an operator can re-drive it.
 */
@ApplicationScoped
public class HoldsConsumer {

    static final String CHANNEL = "holds";
    private static final Logger LOG = Logger.getLogger(HoldsConsumer.class);

    private final HoldOutcomeService outcomes;
    private final InboundRecords inbound;

    public HoldsConsumer(HoldOutcomeService outcomes, InboundRecords inbound) {
        this.outcomes = outcomes;
        this.inbound = inbound;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbound.apply(CHANNEL, record, this::apply);
    }

    private void apply(ConsumerRecord<String, String> record) {
        EventEnvelope envelope = EventCodec.decode(record.value()); // throws MalformedEventException: dead-lettered
        Optional<EventType> type = EventType.byName(envelope.type());
        if (type.isEmpty()) {
            LOG.debugf("Skipping event %s of unknown type %s", envelope.eventId(), envelope.type());
            return;
        }
        outcomes.apply(envelope, type.get());
    }
}
