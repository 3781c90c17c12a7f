package org.communitypoints.catalog.repository;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * The idempotent consumer's marks ({@code processed_event}, platform-data's table) for a whole share of a poll in one
 * statement: platform-data's {@code ProcessedEvents} writes one row per statement, which for a share of hundreds of
 * answers is hundreds of round trips, each flushing the session first.
 */
@ApplicationScoped
public class ProcessedEventRepository {

    /**
     * Marks the events processed, in the caller's transaction, and answers which were not marked before. An id given
     * twice is marked once. A concurrent first delivery of one of them blocks on the primary key until the other
     * transaction ends (then it is not new here).
     *
     * @param types the event types, one per id, in the same order
     */
    public Set<UUID> markFirstDeliveries(List<UUID> ids, List<String> types) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        // Two array parameters: the statement is the same whatever the share's size (an IN or VALUES list of a new
        // length would be a new statement for Hibernate and PostgreSQL to plan).
        @SuppressWarnings("unchecked")
        List<UUID> marked = Panache.getEntityManager().createNativeQuery("""
                insert into processed_event (event_id, event_type)
                select e.id, e.type from unnest(cast(:ids as uuid[]), cast(:types as text[])) as e(id, type)
                on conflict do nothing
                returning event_id""", UUID.class)
                .setParameter("ids", ids.toArray(UUID[]::new))
                .setParameter("types", types.toArray(String[]::new))
                .getResultList();
        return new HashSet<>(marked);
    }
}
