package org.communitypoints.points.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The idempotent-consumer record for a whole batch in one statement: the same table
 * {@code ProcessedEvents} writes one row at a time, in the transaction that applies the events. The shifts
 * consumer records here only the events that booked nothing (see {@code ShiftCreditingService#apply}).
 */
@ApplicationScoped
public class ProcessedEventRepository {

    private final DataSource dataSource;

    public ProcessedEventRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Seen(UUID eventId, String eventType) {
    }

    /** The ids among these that are recorded. */
    public Set<UUID> recorded(List<UUID> eventIds) {
        Set<UUID> recorded = new HashSet<>();
        if (eventIds.isEmpty()) {
            return recorded;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection
                        .prepareStatement("select event_id from processed_event where event_id = any(?)")) {
            select.setArray(1, connection.createArrayOf("uuid", eventIds.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    recorded.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
        return recorded;
    }

    /**
     * Records the events and returns the ids seen for the first time; the others are redeliveries.
     * A concurrent first delivery of the same id blocks until the other transaction ends.
     */
    public Set<UUID> recordFirstDeliveries(List<Seen> events) {
        Set<UUID> first = new HashSet<>();
        if (events.isEmpty()) {
            return first;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into processed_event (event_id, event_type)
                        select * from unnest(?::uuid[], ?::text[]) order by 1
                        on conflict (event_id) do nothing
                        returning event_id""")) {
            insert.setArray(1, connection.createArrayOf("uuid", events.stream().map(Seen::eventId).toArray()));
            insert.setArray(2, AccountRepository.texts(connection, events.stream().map(Seen::eventType).toList()));
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    first.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
        return first;
    }
}
