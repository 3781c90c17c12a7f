package org.communitypoints.platform.data;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One event waiting to be relayed to Kafka. See V0_1__platform_tables.sql and V0_2__dead_letters.sql. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    @Column(nullable = false)
    public String topic;

    /** Null for a record without key (a dead letter or re-drive keeps the original record's). */
    @Column(name = "event_key")
    public String eventKey;

    @Column(nullable = false)
    public String payload;

    /** Kafka headers ({@link KafkaHeadersJson}); null for none beyond the event type. */
    @Column
    public String headers;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
