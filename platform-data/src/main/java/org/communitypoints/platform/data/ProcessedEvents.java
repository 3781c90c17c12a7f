package org.communitypoints.platform.data;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.communitypoints.contracts.EventEnvelope;

/**
 * The idempotent-consumer record. Called in the transaction that applies the event: the event's
 * effect and its "processed" mark commit together or not at all.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager entityManager;

    public ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * @return true the first time this event id is seen; false for a redelivery, which must be skipped.
     *         A concurrent first delivery blocks on the primary key until the other transaction ends.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(EventEnvelope envelope) {
        return firstDelivery(envelope.eventId(), envelope.type());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(UUID eventId, String eventType) {
        return entityManager.createNativeQuery(
                "insert into processed_event (event_id, event_type) values (:id, :type) on conflict do nothing")
                .setParameter("id", eventId)
                .setParameter("type", eventType)
                .executeUpdate() == 1;
    }
}
