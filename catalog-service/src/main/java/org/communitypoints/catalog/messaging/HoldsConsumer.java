package org.communitypoints.catalog.messaging;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.catalog.service.HoldOutcomeService;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.EventType;
import org.communitypoints.contracts.MalformedEventException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;

/**
 * points-service's answers (topic points.holds). A record that can never be applied is thrown out to
 * the channel's dead-letter topic with the reason (failure-strategy=dead-letter-queue), so it never
 * blocks the partition; a passing failure (database busy, deadlock) is retried here first.
 */
@ApplicationScoped
public class HoldsConsumer {

    private static final Logger LOG = Logger.getLogger(HoldsConsumer.class);
    private static final int ATTEMPTS = 5;

    private final HoldOutcomeService outcomes;

    public HoldsConsumer(HoldOutcomeService outcomes) {
        this.outcomes = outcomes;
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
        for (int attempt = 1;; attempt++) {
            try {
                outcomes.apply(envelope, type.get());
                return;
            } catch (MalformedEventException e) {
                throw e;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException("gave up after " + ATTEMPTS + " attempts: " + e.getMessage(), e);
                }
                LOG.warnf("Applying %s %s failed (attempt %d), retrying: %s", envelope.type(), envelope.eventId(), attempt,
                        e.getMessage());
                backOff(attempt);
            }
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(200L << attempt); // 0.4 s, 0.8 s, 1.6 s, 3.2 s: lets a busy database recover
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }
}
