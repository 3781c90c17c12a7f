package org.communitypoints.catalog.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.communitypoints.catalog.service.HoldOutcomeService;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.EventType;
import org.communitypoints.platform.data.InboundRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;

/**
 * points-service's answers (topic points.holds), a poll at a time: each partition's share, in partition order, is
 * applied in one transaction by {@link HoldOutcomeService#applyAll}, so one commit answers a whole share of
 * redemptions instead of one (one commit per answer held the saga to about a hundred a second). Failures are
 * {@link InboundRecords}' business: a
 * transient one (database away, deadlock, lock timeout) is retried for as long as it lasts, holding the
 * partition, so a valid PointsHeld or PointsCaptured is never given up on; a record that can never be applied
 * (not an envelope, a payload that does not fit) goes to the dead-letter store and
 * {@code points.holds.dead-letter} at once (the share is split to find it; the rest is applied), where an operator
 * can re-drive it.
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
    public void consume(ConsumerRecords<String, String> records) {
        inbound.applyBatch(CHANNEL, records, this::apply);
    }

    private void apply(List<ConsumerRecord<String, String>> share) {
        List<HoldOutcomeService.Outcome> outcomes = new ArrayList<>(share.size());
        for (ConsumerRecord<String, String> record : share) {
            EventEnvelope envelope = EventCodec.decode(record.value()); // throws MalformedEventException: dead-lettered
            Optional<EventType> type = EventType.byName(envelope.type());
            if (type.isEmpty()) {
                LOG.debugf("Skipping event %s of unknown type %s", envelope.eventId(), envelope.type());
                continue;
            }
            outcomes.add(new HoldOutcomeService.Outcome(envelope, type.get()));
        }
        this.outcomes.applyAll(outcomes);
    }
}
