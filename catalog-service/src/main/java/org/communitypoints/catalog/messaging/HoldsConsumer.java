package org.communitypoints.catalog.messaging;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.catalog.service.HoldOutcomeService;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.EventType;
import org.communitypoints.platform.data.Retrying;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;

/**
 * points-service's answers (topic points.holds). A transient failure (database busy, deadlock) is retried
 * with backoff by the shared {@link Retrying} policy, each attempt a fresh transaction of
 * {@link HoldOutcomeService#apply}; a record that can never be applied, or one still failing when the
 * attempts run out, goes to the channel's dead-letter topic with the reason
 * (failure-strategy=dead-letter-queue), so it never blocks the partition.
 */
@ApplicationScoped
public class HoldsConsumer {

    private static final Logger LOG = Logger.getLogger(HoldsConsumer.class);

    private final HoldOutcomeService outcomes;
    private final Retrying retrying;

    public HoldsConsumer(HoldOutcomeService outcomes, Retrying retrying) {
        this.outcomes = outcomes;
        this.retrying = retrying;
    }

    @Incoming("holds")
    @Blocking
    public void consume(String record) {
        EventEnvelope envelope = EventCodec.decode(record);
        Optional<EventType> type = EventType.byName(envelope.type());
        if (type.isEmpty()) {
            LOG.debugf("Skipping event %s of unknown type %s", envelope.eventId(), envelope.type());
            return;
        }
        retrying.run(() -> outcomes.apply(envelope, type.get()));
    }
}
