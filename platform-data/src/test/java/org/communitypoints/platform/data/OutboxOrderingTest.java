package org.communitypoints.platform.data;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.communitypoints.testsupport.KafkaResource;
import org.communitypoints.testsupport.OidcResource;
import org.communitypoints.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Two relays, as two instances of a service run them: each with its own Kafka producer, both on one schema,
 * relaying while the events are still being written. The application's own relay is off, so exactly these two
 * share the work.
 */
@QuarkusTest
@TestProfile(OutboxOrderingTest.TwoRelays.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(OidcResource.class)
class OutboxOrderingTest {

    private static final String TOPIC = "probe.ordering";
    private static final int KEYS = 5;
    private static final int EVENTS_PER_KEY = 80;
    /** Small batches, so the two relays take turns many times within one key's run of events. */
    private static final int BATCH_SIZE = 7;

    public static class TwoRelays implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("outbox.enabled", "false");
        }
    }

    @Inject
    Outbox outbox;
    @Inject
    EntityManager entityManager;

    @Test
    void twoRelaysKeepEachResidentsEventsInOrderAndSendEachOnce() throws Exception {
        createTopic(3);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> keys = IntStream.range(0, KEYS).mapToObj(k -> "resident-" + run + "-" + k).toList();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<RelayThread> relays = List.of(new RelayThread("relay-a", failures), new RelayThread("relay-b", failures));
        relays.forEach(Thread::start);
        try {
            // Transactions of one to three events each, the keys interleaved, while both relays run.
            for (int seq = 0; seq < EVENTS_PER_KEY; seq++) {
                int n = seq;
                for (int from = 0; from < KEYS; from += 3) {
                    List<String> some = keys.subList(from, Math.min(KEYS, from + 3));
                    QuarkusTransaction.requiringNew().run(() -> some.forEach(
                            key -> outbox.publishRecord(UUID.randomUUID(), TOPIC, key, key + "#" + n)));
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> failures.size() > 0 || waitingRows() == 0);
        } finally {
            relays.forEach(RelayThread::finish);
        }

        assertEquals(List.of(), failures, "the relays failed");
        Map<String, List<Integer>> received = readAll(keys, KEYS * EVENTS_PER_KEY);
        List<Integer> expected = IntStream.range(0, EVENTS_PER_KEY).boxed().toList();
        for (String key : keys) {
            assertEquals(expected, received.get(key), "every event of " + key + " once, in the order written");
        }
        for (RelayThread relay : relays) {
            assertTrue(relay.relayed.get() > 0, relay.getName() + " relayed nothing: the two did not share the work");
        }
    }

    private long waitingRows() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from outbox_event where topic = :topic")
                .setParameter("topic", TOPIC).getSingleResult()).longValue());
    }

    /** One relay instance with its own producer, relaying for as long as the test runs. */
    private final class RelayThread extends Thread {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger relayed = new AtomicInteger();
        private final List<Throwable> failures;
        private final KafkaProducer<String, String> producer = producer();
        private final OutboxSlots slots = new OutboxSlots(entityManager, this::sendAll, 64, BATCH_SIZE, 30);

        RelayThread(String name, List<Throwable> failures) {
            super(name);
            this.failures = failures;
        }

        @Override
        public void run() {
            try {
                while (running.get()) {
                    if (slots.relayBatch() == 0) {
                        Thread.onSpinWait();
                    }
                }
            } catch (Throwable e) {
                failures.add(e);
            } finally {
                producer.close(Duration.ofSeconds(5));
            }
        }

        private void sendAll(List<OutboxEvent> rows) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (OutboxEvent row : rows) {
                acks.add(producer.send(new ProducerRecord<>(row.topic, row.eventKey, row.payload)));
            }
            try {
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(30, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                throw new IllegalStateException("Kafka did not acknowledge", e);
            }
            relayed.addAndGet((int) rows.stream().filter(r -> TOPIC.equals(r.topic)).count());
        }

        void finish() {
            running.set(false);
            try {
                join(Duration.ofSeconds(40).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The sequence numbers of each key, in topic order; reads on a while after the last so a duplicate shows. */
    private static Map<String, List<Integer>> readAll(List<String> keys, int total) {
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        keys.forEach(k -> byKey.put(k, new ArrayList<>()));
        AtomicInteger seen = new AtomicInteger();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                poll(consumer, byKey, seen);
                return seen.get() >= total;
            });
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < until) {
                poll(consumer, byKey, seen);
            }
        }
        return byKey;
    }

    private static void poll(KafkaConsumer<String, String> consumer, Map<String, List<Integer>> byKey,
            AtomicInteger seen) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            List<Integer> sequence = byKey.get(record.key());
            if (sequence != null) {
                sequence.add(Integer.parseInt(record.value().substring(record.value().indexOf('#') + 1)));
                seen.incrementAndGet();
            }
        }
    }

    private static void createTopic(int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers()))) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        return new KafkaProducer<>(props);
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "ordering-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }
}
