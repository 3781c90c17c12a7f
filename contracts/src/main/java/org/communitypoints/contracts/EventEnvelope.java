package org.communitypoints.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one envelope every event travels in. Consumers deduplicate on {@code eventId}, route on
 * {@code type} and ignore fields they do not know, so producers may add fields without breaking them.
 *
 * @param eventId stable id chosen by the producer when the change is committed; the same change
 *        always carries the same id, however often it is relayed
 * @param type the event type name, see {@link EventType}
 * @param schemaVersion version of the payload schema for that type
 * @param occurredAt when the change happened in the producing service
 * @param communityId the community the event belongs to
 * @param key the Kafka record key: the aggregate whose order matters (the resident)
 * @param payload the event body, decoded with {@link EventCodec#payload(EventEnvelope, Class)}
 */
public record EventEnvelope(
        UUID eventId,
        String type,
        int schemaVersion,
        Instant occurredAt,
        String communityId,
        String key,
        JsonNode payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(communityId, "communityId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
    }

    /** Wraps a contract event; the key is the resident the event is about. */
    public static EventEnvelope wrap(UUID eventId, String communityId, Instant occurredAt, ContractEvent event) {
        EventType type = EventType.of(event.getClass());
        return new EventEnvelope(eventId, type.typeName(), type.schemaVersion(), occurredAt, communityId,
                event.memberId(), EventCodec.toTree(event));
    }
}
