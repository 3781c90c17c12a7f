package org.communitypoints.platform.data;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasValue;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesRegex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitypoints.testsupport.KafkaResource;
import org.communitypoints.testsupport.OidcResource;
import org.communitypoints.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Consumers through InboundRecords, against the real PostgreSQL and Kafka: retried, dead-lettered, reported. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(OidcResource.class)
class InboundRecordsTest {

    static final String TOPIC = "probe.events";
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EntityManager entityManager;

    @Test
    void aTransientFailureIsRetriedUntilItPassesThenAppliedOnceAndNeverDeadLettered() {
        String key = "transient-" + UUID.randomUUID();

        RawKafka.publish(TOPIC, key, "transient:4");

        await().atMost(WAIT).until(() -> applied(key) == 1);
        assertEquals(5, ProbeConsumers.ATTEMPTS.get(key), "four real statement timeouts, then the fifth attempt");
        assertEquals(0, deadLetterIds(key).size());
        assertTrue(RawKafka.readFor(TOPIC + ".dead-letter", r -> key.equals(r.key()), Duration.ofSeconds(2)).isEmpty());
    }

    @Test
    void aPermanentFailureIsExactlyOneDeadLetterInTheTableAndOnTheTopicInTheOneFormat() {
        String key = "bad-" + UUID.randomUUID();
        Instant before = Instant.now();

        RawKafka.publish(TOPIC, key, "bad", "trace-id", "t-42");

        await().atMost(WAIT).until(() -> deadLetterIds(key).size() == 1);
        List<ConsumerRecord<String, String>> published = RawKafka.readFor(TOPIC + ".dead-letter",
                r -> key.equals(r.key()), Duration.ofSeconds(5));
        assertEquals(1, published.size(), "one dead letter on the topic");
        ConsumerRecord<String, String> letter = published.get(0);
        long id = deadLetterIds(key).get(0);
        assertEquals("bad", letter.value(), "the original value, unchanged");
        assertEquals("t-42", RawKafka.header(letter, "trace-id"), "the original headers travel along");
        assertEquals(String.valueOf(id), RawKafka.header(letter, DeadLetters.ID_HEADER));
        assertTrue(RawKafka.header(letter, DeadLetters.REASON_HEADER).contains("probe " + key + " is malformed"));
        assertTrue(RawKafka.header(letter, DeadLetters.STACK_HEADER).startsWith("java.lang.IllegalArgumentException"));
        assertEquals(TOPIC, RawKafka.header(letter, DeadLetters.TOPIC_HEADER));
        assertEquals(String.valueOf(row(id)[8]), RawKafka.header(letter, DeadLetters.PARTITION_HEADER));
        assertNotNull(RawKafka.header(letter, DeadLetters.OFFSET_HEADER));
        Instant first = Instant.parse(RawKafka.header(letter, DeadLetters.FIRST_ATTEMPT_HEADER));
        Instant last = Instant.parse(RawKafka.header(letter, DeadLetters.LAST_ATTEMPT_HEADER));
        assertTrue(!first.isBefore(before.minusSeconds(1)) && !last.isBefore(first), first + " .. " + last);
        assertEquals("1", RawKafka.header(letter, DeadLetters.ATTEMPTS_HEADER), "a permanent failure is not retried");

        Object[] row = row(id);
        assertEquals(TOPIC, row[0]);
        assertEquals(RawKafka.header(letter, DeadLetters.OFFSET_HEADER), String.valueOf(row[1]));
        assertEquals("bad", row[2]);
        assertTrue(((String) row[3]).contains("\"trace-id\""), (String) row[3]);
        assertTrue(((String) row[4]).contains("is malformed"));
        assertTrue(((String) row[5]).contains("ProbeConsumers"), "the stack names where it failed");
        assertEquals("WAITING", row[6]);
        assertEquals(0, applied(key));
    }

    @Test
    void aDeadLetterWhoseStoreFailsTransientlyIsRetriedNotDropped() {
        String key = "dlq-flaky-" + UUID.randomUUID();

        RawKafka.publish(TOPIC, key, "bad");

        await().atMost(WAIT).until(() -> deadLetterIds(key).size() == 1);
        long storeAttempts = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select last_value from dead_letter_flaky_attempts").getSingleResult()).longValue());
        assertEquals(3, storeAttempts, "two serialization failures storing it, then stored");
        assertEquals(1, RawKafka.readFor(TOPIC + ".dead-letter", r -> key.equals(r.key()), Duration.ofSeconds(5)).size());
    }

    @Test
    void readinessIsDownWithTheReasonWhileAPartitionWaitsAndUpAgainAfter() {
        String key = "stall-" + UUID.randomUUID();
        ProbeConsumers.STALLED.add(key);
        try {
            RawKafka.publish(TOPIC, key, "stall");

            await().atMost(WAIT).untilAsserted(() -> given().when().get("/q/health/ready")
                    .then().statusCode(503)
                    .body("checks.find { it.name == 'consumer probe' }.status", is("DOWN"))
                    .body("checks.find { it.name == 'consumer probe' }.data", hasValue(
                            matchesRegex("database unavailable, 1 record waiting on probe\\.events-\\d+")))
                    .body("checks.find { it.name == 'consumer probe' }.data", hasValue(
                            containsString("canceling statement due to statement timeout"))));
            assertEquals(0, applied(key));
        } finally {
            ProbeConsumers.STALLED.remove(key);
        }

        await().atMost(WAIT).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().body("checks.find { it.name == 'consumer probe' }.status", is("UP")));
        await().atMost(WAIT).until(() -> applied(key) == 1);
        assertEquals(0, deadLetterIds(key).size());
    }

    @Test
    void onlyTheBadRecordOfABatchIsDeadLetteredAndTheOthersAreAppliedInOrder() {
        String run = UUID.randomUUID().toString();
        List<String> values = List.of("ok", "ok", "bad", "ok", "ok");
        for (int i = 0; i < values.size(); i++) {
            RawKafka.publish("probe.batches", "batch-" + run + "-" + i, values.get(i));
        }

        await().atMost(WAIT).until(() -> deadLetterIds("batch-" + run + "-2").size() == 1);
        await().atMost(WAIT).until(() -> appliedLike("batch-" + run + "-%") == 4);
        List<String> order = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "select event_key from probe_applied where event_key like :k order by applied_at, event_key", String.class)
                .setParameter("k", "batch-" + run + "-%").getResultList());
        assertEquals(List.of("batch-" + run + "-0", "batch-" + run + "-1", "batch-" + run + "-3", "batch-" + run + "-4"),
                order);
    }

    Object[] row(long id) {
        return QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager.createNativeQuery("""
                select source_topic, source_offset, record_value, headers, reason, stack_summary, state, attempts,
                       source_partition
                from dead_letter where id = :id""").setParameter("id", id).getSingleResult());
    }

    long applied(String key) {
        return appliedLike(key);
    }

    long appliedLike(String pattern) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from probe_applied where event_key like :k")
                .setParameter("k", pattern).getSingleResult()).longValue());
    }

    List<Long> deadLetterIds(String key) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("select id from dead_letter where record_key = :k order by id", Long.class)
                .setParameter("k", key).getResultList());
    }
}
