package org.communitypoints.points.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.contracts.Topics;
import org.communitypoints.platform.data.Outbox;
import org.communitypoints.platform.data.ProcessedEvents;
import org.communitypoints.points.domain.Ids;
import org.communitypoints.points.domain.SourceRecord;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sends a record that can never be processed to its topic's dead-letter topic, with the reason, through
 * the outbox: it is dead-lettered exactly once, in the same transaction that moves past it.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final String TYPE = "DeadLetter";

    private final Outbox outbox;
    private final ProcessedEvents processedEvents;
    private final ObjectMapper json;

    public DeadLetters(Outbox outbox, ProcessedEvents processedEvents, ObjectMapper json) {
        this.outbox = outbox;
        this.processedEvents = processedEvents;
        this.json = json;
    }

    @Transactional
    public void send(SourceRecord source, String reason) {
        UUID id = Ids.of("dead-letter", source.topic(), String.valueOf(source.partition()), String.valueOf(source.offset()));
        if (!processedEvents.firstDelivery(id, TYPE)) {
            return;
        }
        LOG.warnf("Dead-lettering %s-%d@%d: %s", source.topic(), source.partition(), source.offset(), reason);
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("reason", reason.replace("\u0000", "\\u0000"));
        letter.put("topic", source.topic());
        letter.put("partition", source.partition());
        letter.put("offset", source.offset());
        letter.put("key", source.key());
        letter.put("value", source.value());
        try {
            // PostgreSQL text cannot hold NUL: the key column gets it escaped (the JSON body escapes it itself)
            outbox.publishRecord(id, Topics.deadLetterOf(source.topic()),
                    source.key() == null ? "" : source.key().replace("\u0000", "\\u0000"),
                    json.writeValueAsString(letter));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write dead letter", e);
        }
    }
}
