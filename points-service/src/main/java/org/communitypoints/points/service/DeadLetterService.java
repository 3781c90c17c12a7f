package org.communitypoints.points.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.contracts.DerivedIds;
import org.communitypoints.platform.data.ProcessedEvents;
import org.communitypoints.points.domain.SourceRecord;
import org.communitypoints.points.messaging.DeadLetterEvents;
import org.jboss.logging.Logger;

/**
 * Sends a record that can never be processed to its topic's dead-letter topic, with the reason: it is
 * dead-lettered exactly once, in the same transaction that moves past it.
 */
@ApplicationScoped
public class DeadLetterService {

    private static final Logger LOG = Logger.getLogger(DeadLetterService.class);
    private static final String TYPE = "DeadLetter";

    private final ProcessedEvents processedEvents;
    private final DeadLetterEvents events;

    public DeadLetterService(ProcessedEvents processedEvents, DeadLetterEvents events) {
        this.processedEvents = processedEvents;
        this.events = events;
    }

    @Transactional
    public void send(SourceRecord source, String reason) {
        UUID id = DerivedIds.of("dead-letter", source.topic(), String.valueOf(source.partition()),
                String.valueOf(source.offset()));
        if (!processedEvents.firstDelivery(id, TYPE)) {
            return;
        }
        LOG.warnf("Dead-lettering %s-%d@%d: %s", source.topic(), source.partition(), source.offset(), reason);
        events.deadLettered(id, source, reason);
    }
}
