package org.communitypoints.platform.data;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.apache.kafka.common.header.Header;
import org.communitypoints.contracts.ContractEvent;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.EventType;
import org.hibernate.Session;

/**
 * Records an event in the caller's transaction. It reaches Kafka only if that transaction commits,
 * and then right away: the relay is woken after commit instead of waiting for its next poll.
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager entityManager;
    private final TransactionSynchronizationRegistry transactions;
    private final Event<RowsWritten> rowsWritten;
    private final OutboxRelay relay;

    public Outbox(EntityManager entityManager, TransactionSynchronizationRegistry transactions,
            Event<RowsWritten> rowsWritten, OutboxRelay relay) {
        this.entityManager = entityManager;
        this.transactions = transactions;
        this.rowsWritten = rowsWritten;
        this.relay = relay;
    }

    /** The current transaction wrote outbox rows; fired once per transaction, however many rows it wrote. */
    record RowsWritten() {
    }

    /**
     * @param eventId a stable id for this change (derive it from the change, e.g. a UUID name-based on the
     *        shift id, when a retry could record the same change twice)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publish(UUID eventId, String communityId, ContractEvent event) {
        EventEnvelope envelope = EventEnvelope.wrap(eventId, communityId, Instant.now(), event);
        publishRecord(envelope.eventId(), EventType.of(event.getClass()).topic(), envelope.key(),
                EventCodec.encode(envelope));
        return envelope;
    }

    /**
     * Records a record that is not a contract event (a dead letter carrying the original text, say) with the
     * same guarantees: written in the caller's transaction, relayed right after it commits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishRecord(UUID eventId, String topic, String key, String payload) {
        publishRecord(eventId, topic, key, payload, null);
    }

    /**
     * As {@link #publishRecord(UUID, String, String, String)}, with the Kafka headers the record carries
     * (then the relay adds no {@code event-type} header of its own: the given headers are the record's).
     *
     * @param key null for a record without key
     * @param headers null or empty for none
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishRecord(UUID eventId, String topic, String key, String payload,
            Iterable<? extends Header> headers) {
        String headersJson = headers == null || !headers.iterator().hasNext() ? null : KafkaHeadersJson.write(headers);
        OffsetDateTime now = Instant.now().atOffset(ZoneOffset.UTC);
        // A plain insert on the transaction's connection rather than a persisted entity: the row is never read back in
        // this transaction, and as an entity with an identity id it was inserted at once with its generated key fetched,
        // forced the session's pending inserts out before it, and stayed in the session to be dirty-checked at every
        // later flush (7.7 % of catalog-service's CPU in the redemption saga at 100/s, JFR, 2026-12-03).
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into outbox_event (event_id, topic, event_key, payload, headers, created_at)
                    values (?, ?, ?, ?, ?, ?)""")) {
                insert.setObject(1, eventId);
                insert.setString(2, topic);
                insert.setString(3, key);
                insert.setString(4, payload);
                insert.setString(5, headersJson);
                insert.setObject(6, now);
                insert.executeUpdate();
            }
        });
        wakeRelayOnceCommitted();
    }

    /**
     * Records several events in the caller's transaction with one statement, in the list's order (their ids
     * follow it, so the relay sends each key's events in this order). The same guarantees as {@link #publish}:
     * relayed right after the transaction commits, never if it rolls back. For a consumer that answers a whole
     * poll: one insert per event was a round trip each, the outbox's identity id keeping Hibernate from batching
     * them.
     *
     * @param events each with a stable id (see {@link #publish(UUID, String, ContractEvent)})
     * @return the envelopes written, in the given order
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<EventEnvelope> publishAll(List<NewEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Instant now = Instant.now();
        List<EventEnvelope> envelopes = events.stream()
                .map(e -> EventEnvelope.wrap(e.eventId(), e.communityId(), now, e.event())).toList();
        entityManager.unwrap(Session.class).doWork(connection -> {
            // with ordinality ... order by: the identity ids are drawn in the list's order
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into outbox_event (event_id, topic, event_key, payload, created_at)
                    select e.event_id, e.topic, e.event_key, e.payload, ?
                    from unnest(?::uuid[], ?::text[], ?::text[], ?::text[]) with ordinality
                         e(event_id, topic, event_key, payload, n)
                    order by e.n""")) {
                insert.setObject(1, now.atOffset(ZoneOffset.UTC));
                insert.setArray(2, connection.createArrayOf("uuid", envelopes.stream().map(EventEnvelope::eventId).toArray()));
                insert.setArray(3, connection.createArrayOf("text", events.stream()
                        .map(e -> EventType.of(e.event().getClass()).topic()).toArray()));
                insert.setArray(4, connection.createArrayOf("text", envelopes.stream().map(EventEnvelope::key).toArray()));
                insert.setArray(5, connection.createArrayOf("text", envelopes.stream().map(EventCodec::encode).toArray()));
                insert.executeUpdate();
            }
        });
        wakeRelayOnceCommitted();
        return envelopes;
    }

    /** A consumer batch writes up to a thousand rows in one transaction: one wake-up after it commits is enough. */
    private void wakeRelayOnceCommitted() {
        if (transactions.getResource(RowsWritten.class) == null) {
            transactions.putResource(RowsWritten.class, Boolean.TRUE);
            rowsWritten.fire(new RowsWritten());
        }
    }

    /** An event for {@link #publishAll}: its stable id, its community and the event itself. */
    public record NewEvent(UUID eventId, String communityId, ContractEvent event) {
    }

    /** CDI calls this once the transaction that wrote the rows committed; never after a rollback. */
    void wakeRelay(@Observes(during = TransactionPhase.AFTER_SUCCESS) RowsWritten written) {
        relay.wakeUp();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publish(String communityId, ContractEvent event) {
        return publish(UUID.randomUUID(), communityId, event);
    }
}
