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
 * points-service's answers (topic points.holds), a poll at a time: the whole poll, partition after partition and each
 * partition's answers in their order, is applied in one transaction by {@link HoldOutcomeService#applyAll}, so one
 * commit answers every redemption of the poll (one commit per answer held the saga to about a hundred a second; one
 * per partition's share, in series, was up to six commits a poll), as points-service's redemption consumer does.
 * Failures are {@link InboundRecords}' business: a
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
        // partition after partition, each partition's records in offset order: an answer never overtakes an earlier one
        List<ConsumerRecord<String, String>> poll = new ArrayList<>(records.count());
        records.forEach(poll::add);
        inbound.applyPartition(CHANNEL, poll, this::apply);
    }

    private void apply(List<ConsumerRecord<String, String>> poll) {
        List<HoldOutcomeService.Outcome> outcomes = new ArrayList<>(poll.size());
        for (ConsumerRecord<String, String> record : poll) {
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
