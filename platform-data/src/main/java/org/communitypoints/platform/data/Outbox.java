package org.communitypoints.platform.data;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.communitypoints.contracts.ContractEvent;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.EventType;

/**
 * Records an event in the caller's transaction. It reaches Kafka only if that transaction commits,
 * and then right away: the relay is woken after commit instead of waiting for its next poll.
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager entityManager;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    public Outbox(EntityManager entityManager, TransactionSynchronizationRegistry transactions, OutboxRelay relay) {
        this.entityManager = entityManager;
        this.transactions = transactions;
        this.relay = relay;
    }

    /**
     * @param eventId a stable id for this change (derive it from the change, e.g. a UUID name-based on the
     *        shift id, when a retry could record the same change twice)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publish(UUID eventId, String communityId, ContractEvent event) {
        EventEnvelope envelope = EventEnvelope.wrap(eventId, communityId, Instant.now(), event);
        OutboxEvent row = new OutboxEvent();
        row.eventId = envelope.eventId();
        row.topic = EventType.of(event.getClass()).topic();
        row.eventKey = envelope.key();
        row.payload = EventCodec.encode(envelope);
        row.createdAt = envelope.occurredAt();
        entityManager.persist(row);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
        return envelope;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publish(String communityId, ContractEvent event) {
        return publish(UUID.randomUUID(), communityId, event);
    }
}
