package org.communitypoints.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.EventType;

/**
 * Plays the other side of a service in tests: publishes contract events to the real broker and
 * reads what the service published. Each reader uses a fresh consumer group from the earliest
 * offset, so tests filter by their own ids rather than depend on order.
 */
public final class KafkaTestClient implements AutoCloseable {

    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(props);
    }

    /** The client for the broker the tests run against. */
    public static KafkaTestClient forTests() {
        return new KafkaTestClient(KafkaResource.bootstrapServers());
    }

    /** Publishes to the event type's topic, keyed like a real producer would. */
    public void publish(EventEnvelope envelope) {
        String topic = EventType.byName(envelope.type()).map(EventType::topic)
                .orElseThrow(() -> new IllegalArgumentException("unknown type " + envelope.type()));
        publishRaw(topic, envelope.key(), EventCodec.encode(envelope));
    }

    /** Publishes any text, e.g. a record no consumer can understand. */
    public void publishRaw(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("publish to " + topic + " failed", e);
        }
    }

    /** Waits for the first envelope on the topic that matches, or fails after the timeout. */
    public EventEnvelope awaitEvent(String topic, Predicate<EventEnvelope> match, Duration timeout) {
        List<EventEnvelope> found = awaitEvents(topic, match, 1, timeout);
        return found.get(0);
    }

    /** Waits until {@code count} matching envelopes were read; returns those read by then. */
    public List<EventEnvelope> awaitEvents(String topic, Predicate<EventEnvelope> match, int count, Duration timeout) {
        List<EventEnvelope> found = new ArrayList<>();
        for (ConsumerRecord<String, String> record : awaitRecords(topic, r -> {
            try {
                return match.test(EventCodec.decode(r.value()));
            } catch (RuntimeException e) {
                return false;
            }
        }, count, timeout)) {
            found.add(EventCodec.decode(record.value()));
        }
        return found;
    }

    /** Reads every matching record the topic holds until {@code timeout} passes (for "nothing more came" checks). */
    public List<EventEnvelope> readFor(String topic, Predicate<EventEnvelope> match, Duration timeout) {
        List<EventEnvelope> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        EventEnvelope envelope = EventCodec.decode(record.value());
                        if (match.test(envelope)) {
                            found.add(envelope);
                        }
                    } catch (RuntimeException ignored) {
                        // not an envelope: not what the caller looks for
                    }
                }
            }
        }
        return found;
    }

    /** Waits for raw records (e.g. on a dead-letter topic, whose headers carry the reason). */
    public List<ConsumerRecord<String, String>> awaitRecords(String topic, Predicate<ConsumerRecord<String, String>> match,
            int count, Duration timeout) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (found.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("expected " + count + " matching records on " + topic + " within "
                            + timeout + ", got " + found.size());
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    private KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
