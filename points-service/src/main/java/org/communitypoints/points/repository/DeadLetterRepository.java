package org.communitypoints.points.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes dead letters to the outbox in the consumer's transaction, so a record is dead-lettered exactly
 * when its batch commits; the outbox relay sends each row to the topic it names.
 */
@ApplicationScoped
public class DeadLetterRepository {

    private final DataSource dataSource;

    public DeadLetterRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return false when this dead letter was already written (a redelivered batch) */
    public boolean add(UUID id, String topic, String key, String payload) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into outbox_event (event_id, topic, event_key, payload, created_at)
                        values (?, ?, ?, ?, ?) on conflict (event_id) do nothing""")) {
            insert.setObject(1, id);
            insert.setString(2, topic);
            insert.setString(3, key);
            insert.setString(4, payload);
            insert.setObject(5, OffsetDateTime.now());
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }
}
