package org.communitypoints.platform.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.communitypoints.contracts.EventEnvelope;

/**
 * The idempotent-consumer record. Called in the transaction that applies the event: the event's
 * effect and its "processed" mark commit together or not at all. A mark is kept for
 * {@code platform.retention.processed-events} (30 days, never less than 14, twice Kafka's retention of the events:
 * {@link BookkeepingRetention}).
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

    /**
     * Marks a whole share of a poll processed in one statement and answers the deliveries to apply: those whose event
     * was not marked before, in their order, each event once (a second copy within the share is a redelivery too).
     * One row per statement would be hundreds of round trips for a share of hundreds of events, each flushing the
     * session first. A concurrent first delivery of one of them blocks on the primary key until the other transaction
     * ends (then it is not new here).
     *
     * @param envelope the event envelope of a delivery
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> List<T> firstDeliveries(List<T> deliveries, Function<T, EventEnvelope> envelope) {
        if (deliveries.isEmpty()) {
            return List.of();
        }
        // Two array parameters: the statement is the same whatever the share's size (an IN or VALUES list of a new
        // length would be a new statement for Hibernate and PostgreSQL to plan).
        List<UUID> marked = NativeScalars.of(entityManager, """
                insert into processed_event (event_id, event_type)
                select e.id, e.type from unnest(cast(:ids as uuid[]), cast(:types as text[])) as e(id, type)
                on conflict do nothing
                returning event_id""", "event_id", UUID.class)
                .setParameter("ids", deliveries.stream().map(d -> envelope.apply(d).eventId()).toArray(UUID[]::new))
                .setParameter("types", deliveries.stream().map(d -> envelope.apply(d).type()).toArray(String[]::new))
                .getResultList();
        Set<UUID> firsts = new HashSet<>(marked);
        List<T> toApply = new ArrayList<>(firsts.size());
        for (T delivery : deliveries) {
            if (firsts.remove(envelope.apply(delivery).eventId())) {
                toApply.add(delivery);
            }
        }
        return toApply;
    }
}
