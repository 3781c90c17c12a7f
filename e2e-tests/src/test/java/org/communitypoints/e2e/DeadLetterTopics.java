package org.communitypoints.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.communitypoints.contracts.ContractEvent;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.EventType;
import org.communitypoints.contracts.Topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The suite's {@code *.dead-letter} topics read from the test with a plain Kafka consumer, and records
 * written to the consumed topics as a broken producer would.
 */
public final class DeadLetterTopics {

    /** The topics the services consume; each has its {@code <topic>.dead-letter}. */
    public static final List<String> CONSUMED = List.of(Topics.SHIFTS, Topics.REDEMPTIONS, Topics.HOLDS);

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One record of a dead-letter topic, with the original record's value unwrapped: the suite's dead-letter
     * format keeps the original value and says why in {@code dead-letter-*} headers; points-service's earlier
     * format wrapped it in a JSON letter ({@code reason}, {@code topic}, {@code offset}, {@code value}). Both
     * are read.
     */
    public record DeadLetter(String topic, int partition, long offset, String key, String originalValue,
            String reason) {

        /** The original record decodes into an event of a known type whose payload names its member: a valid event. */
        public boolean isValidEvent() {
            if (originalValue == null || originalValue.isBlank()) {
                return false;
            }
            try {
                EventEnvelope envelope = EventCodec.decode(originalValue);
                EventType type = EventType.byName(envelope.type()).orElse(null);
                if (type == null) {
                    return false;
                }
                ContractEvent payload = EventCodec.payload(envelope, type.payloadType());
                return payload.memberId() != null && !payload.memberId().isBlank();
            } catch (RuntimeException notAnEvent) {
                return false;
            }
        }

        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset + " key " + key + " reason " + reason + ": " + originalValue;
        }
    }

    private final String bootstrapServers;

    public DeadLetterTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Every record on every dead-letter topic, from the beginning to the end as it is now. */
    public List<DeadLetter> readAll() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : CONSUMED) {
                for (PartitionInfo partition : consumer.partitionsFor(Topics.deadLetterOf(topic), Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(partition.topic(), partition.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Instant giveUp = Instant.now().plusSeconds(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < ends.get(p))) {
                if (Instant.now().isAfter(giveUp)) {
                    throw new IllegalStateException("could not read the dead-letter topics to their end " + ends);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    letters.add(unwrap(record));
                }
            }
        }
        return letters;
    }

    /** Writes {@code value} to {@code topic} as it is, as a broken or foreign producer might. */
    public void publishRaw(String topic, String key, String value) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static DeadLetter unwrap(ConsumerRecord<String, String> record) {
        String value = record.value();
        String reason = header(record, "dead-letter-reason");
        try {
            JsonNode letter = value == null ? null : JSON.readTree(value);
            if (letter != null && letter.isObject() && letter.has("reason") && letter.has("offset") && letter.has("value")
                    && !letter.has("eventId")) {
                return new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(),
                        letter.path("value").isNull() ? null : letter.path("value").asText(), letter.path("reason").asText());
            }
        } catch (java.io.IOException notJson) {
            // the original value as it was: not JSON at all
        }
        return new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(), value, reason);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
