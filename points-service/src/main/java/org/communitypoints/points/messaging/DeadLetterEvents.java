package org.communitypoints.points.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.contracts.Topics;
import org.communitypoints.platform.data.Outbox;
import org.communitypoints.points.domain.SourceRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes a record that can never be processed to its topic's dead-letter topic ({@code <topic>.dead-letter}),
 * with the reason and the original text, through the outbox in the caller's transaction.
 */
@ApplicationScoped
public class DeadLetterEvents {

    private final Outbox outbox;
    private final ObjectMapper json;

    public DeadLetterEvents(Outbox outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    public void deadLettered(UUID letterId, SourceRecord source, String reason) {
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("reason", reason.replace("\u0000", "\\u0000"));
        letter.put("topic", source.topic());
        letter.put("partition", source.partition());
        letter.put("offset", source.offset());
        letter.put("key", source.key());
        letter.put("value", source.value());
        try {
            // PostgreSQL text cannot hold NUL: the key column gets it escaped (the JSON body escapes it itself)
            outbox.publishRecord(letterId, Topics.deadLetterOf(source.topic()),
                    source.key() == null ? "" : source.key().replace("\u0000", "\\u0000"),
                    json.writeValueAsString(letter));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write dead letter", e);
        }
    }
}
