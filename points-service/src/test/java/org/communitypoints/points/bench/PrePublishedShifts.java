package org.communitypoints.points.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.events.ShiftVerified;
import org.communitypoints.testsupport.KafkaResource;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Publishes the benchmark's ShiftVerified events to a topic of their own before the service starts,
 * and points the service's shifts channel at it: the service then starts with the whole backlog waiting.
 */
public class PrePublishedShifts implements QuarkusTestResourceLifecycleManager {

    static final String COMMUNITY = "bench";
    static final int EVENTS = Integer.getInteger("benchmark.events", 200_000);
    static final int RESIDENTS = Integer.getInteger("benchmark.residents", 10_000);
    static final int PARTITIONS = Integer.getInteger("benchmark.partitions", 3);
    static volatile long publishedAtNanos;

    @Override
    public Map<String, String> start() {
        String bootstrap = KafkaResource.bootstrapServers();
        String topic = "bench.shifts." + UUID.randomUUID();
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + topic, e);
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < EVENTS; i++) {
                String member = "bench-resident-" + (i % RESIDENTS);
                ShiftVerified shift = new ShiftVerified(UUID.randomUUID(), member, UUID.randomUUID(), "食堂秩序维护 · 午餐",
                        "canteen-order", LocalDate.now(), 60, 10, 1, "grid-wang", Instant.now());
                EventEnvelope envelope = EventEnvelope.wrap(UUID.randomUUID(), COMMUNITY, Instant.now(), shift);
                producer.send(new ProducerRecord<>(topic, member, EventCodec.encode(envelope)));
            }
            producer.flush();
        }
        publishedAtNanos = System.nanoTime();
        return Map.of("mp.messaging.incoming.shifts.topic", topic);
    }

    @Override
    public void stop() {
    }
}
