package org.communitypoints.points.messaging;

import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitypoints.contracts.ContractEvent;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.EventType;
import org.communitypoints.contracts.MalformedEventException;
import org.communitypoints.points.domain.SourceRecord;

/** Reading records: what can be processed, what belongs on the dead-letter topic, and why. */
final class Inbound {

    private Inbound() {
    }

    /** A record decoded into an event this service handles. */
    record Decoded(EventEnvelope envelope, ContractEvent payload, SourceRecord source) {
    }

    /** A record this service cannot ever process. */
    static final class Unprocessable extends RuntimeException {

        Unprocessable(String reason) {
            super(reason, null, false, false);
        }
    }

    static SourceRecord source(ConsumerRecord<String, String> record) {
        return new SourceRecord(record.topic(), record.partition(), record.offset(), record.key(), record.value());
    }

    /**
     * @return empty for an event type this build does not know or does not handle here (skipped, not dead-lettered)
     * @throws Unprocessable for a record that can never be processed
     */
    static Optional<Decoded> decode(ConsumerRecord<String, String> record, EventType... handled) {
        if (record.value() == null || record.value().isBlank()) {
            throw new Unprocessable("empty record");
        }
        EventEnvelope envelope;
        try {
            envelope = EventCodec.decode(record.value());
        } catch (MalformedEventException e) {
            throw new Unprocessable(e.getMessage());
        }
        Optional<EventType> type = EventType.byName(envelope.type());
        if (type.isEmpty() || java.util.Arrays.stream(handled).noneMatch(type.get()::equals)) {
            return Optional.empty();
        }
        ContractEvent payload;
        try {
            payload = EventCodec.payload(envelope, type.get().payloadType());
        } catch (MalformedEventException e) {
            throw new Unprocessable(e.getMessage());
        }
        if (payload.memberId() == null || payload.memberId().isBlank()) {
            throw new Unprocessable(envelope.type() + " " + envelope.eventId() + " names no memberId");
        }
        if (envelope.communityId().isBlank()) {
            throw new Unprocessable(envelope.type() + " " + envelope.eventId() + " names no community");
        }
        return Optional.of(new Decoded(envelope, payload, source(record)));
    }

    static void require(boolean condition, Decoded event, String problem) {
        if (!condition) {
            throw new Unprocessable(event.envelope().type() + " " + event.envelope().eventId() + ": " + problem);
        }
    }

    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
