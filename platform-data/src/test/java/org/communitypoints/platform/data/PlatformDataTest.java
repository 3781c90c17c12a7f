package org.communitypoints.platform.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.Topics;
import org.communitypoints.contracts.events.ShiftVerified;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.testsupport.KafkaResource;
import org.communitypoints.testsupport.KafkaTestClient;
import org.communitypoints.testsupport.OidcResource;
import org.communitypoints.testsupport.PostgresResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(OidcResource.class)
class PlatformDataTest {

    private static final KafkaTestClient KAFKA = KafkaTestClient.forTests();

    @Inject
    Outbox outbox;
    @Inject
    ProcessedEvents processedEvents;
    @Inject
    IdempotentRequests idempotentRequests;
    @Inject
    EntityManager entityManager;

    @AfterAll
    static void closeKafka() {
        KAFKA.close();
    }

    @Test
    void aCommittedEventRoundTripsThroughTheRealBrokerKeyedByResident() {
        ShiftVerified shift = shift("resident-li");
        UUID eventId = UUID.randomUUID();
        long committedAt = System.nanoTime();

        QuarkusTransaction.requiringNew().run(() -> outbox.publish(eventId, "wutong", shift));

        EventEnvelope received = KAFKA.awaitEvent(Topics.SHIFTS, e -> e.eventId().equals(eventId), Duration.ofSeconds(20));
        long relayMillis = (System.nanoTime() - committedAt) / 1_000_000;
        assertEquals("resident-li", received.key());
        assertEquals(shift, EventCodec.payload(received, ShiftVerified.class));
        assertTrue(relayMillis < 5_000, "relayed after commit, not on a slow poll: " + relayMillis + " ms");
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> entityManager
                .createQuery("select count(o) from OutboxEvent o where o.eventId = :id", Long.class)
                .setParameter("id", eventId).getSingleResult()), "the relayed row is gone");
    }

    @Test
    void eventsWrittenTogetherReachTheBrokerInTheirOrderPerResident() {
        List<Outbox.NewEvent> events = List.of(
                new Outbox.NewEvent(UUID.randomUUID(), "wutong", shift("resident-zhao")),
                new Outbox.NewEvent(UUID.randomUUID(), "wutong", shift("resident-qian")),
                new Outbox.NewEvent(UUID.randomUUID(), "wutong", shift("resident-zhao")),
                new Outbox.NewEvent(UUID.randomUUID(), "wutong", shift("resident-zhao")));
        List<UUID> ids = events.stream().map(Outbox.NewEvent::eventId).toList();

        List<EventEnvelope> written = QuarkusTransaction.requiringNew().call(() -> outbox.publishAll(events));

        assertEquals(ids, written.stream().map(EventEnvelope::eventId).toList());
        List<EventEnvelope> received = KAFKA.awaitEvents(Topics.SHIFTS, e -> ids.contains(e.eventId()), 4,
                Duration.ofSeconds(20));
        assertEquals(List.of(ids.get(0), ids.get(2), ids.get(3)), received.stream()
                .filter(e -> e.key().equals("resident-zhao")).map(EventEnvelope::eventId).toList(),
                "one resident's events in the order they were written");
        assertEquals(shift(events.get(1)), EventCodec.payload(received.stream()
                .filter(e -> e.key().equals("resident-qian")).findFirst().orElseThrow(), ShiftVerified.class));
    }

    @Test
    void eventsWrittenTogetherInARolledBackTransactionArePublishedNever() {
        UUID eventId = UUID.randomUUID();

        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.publishAll(List.of(new Outbox.NewEvent(eventId, "wutong", shift("resident-sun"))));
            throw new IllegalStateException("the change failed");
        }));

        assertTrue(KAFKA.readFor(Topics.SHIFTS, e -> e.eventId().equals(eventId), Duration.ofSeconds(2)).isEmpty());
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        UUID eventId = UUID.randomUUID();

        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.publish(eventId, "wutong", shift("resident-wang"));
            throw new IllegalStateException("the change failed");
        }));

        assertTrue(KAFKA.readFor(Topics.SHIFTS, e -> e.eventId().equals(eventId), Duration.ofSeconds(2)).isEmpty());
    }

    @Test
    void anEventIdIsProcessedOnlyOnce() {
        UUID eventId = UUID.randomUUID();

        assertTrue(QuarkusTransaction.requiringNew().call(() -> processedEvents.firstDelivery(eventId, "ShiftVerified")));
        assertFalse(QuarkusTransaction.requiringNew().call(() -> processedEvents.firstDelivery(eventId, "ShiftVerified")));
    }

    @Test
    void aRetriedRequestGetsTheFirstAnswerAndRunsOnce() {
        int[] runs = { 0 };
        String key = "key-" + UUID.randomUUID();

        IdempotentRequests.Outcome<String> first = QuarkusTransaction.requiringNew().call(() -> idempotentRequests
                .once("test", "grid-wang", key, new Request("a", 1), String.class, () -> "answer-" + ++runs[0]));
        IdempotentRequests.Outcome<String> retry = QuarkusTransaction.requiringNew().call(() -> idempotentRequests
                .once("test", "grid-wang", key, new Request("a", 1), String.class, () -> "answer-" + ++runs[0]));

        assertEquals("answer-1", first.value());
        assertFalse(first.replayed());
        assertEquals("answer-1", retry.value());
        assertTrue(retry.replayed());
        assertEquals(1, runs[0]);
    }

    @Test
    void aKeyReusedForAnotherRequestIsRefused() {
        String key = "key-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().call(() -> idempotentRequests
                .once("test", "grid-wang", key, new Request("a", 1), String.class, () -> "first"));

        ProblemException refused = assertThrows(ProblemException.class, () -> QuarkusTransaction.requiringNew()
                .call(() -> idempotentRequests.once("test", "grid-wang", key, new Request("a", 2), String.class,
                        () -> "second")));

        assertEquals("IDEMPOTENCY_KEY_REUSED", refused.code());
        assertEquals(422, refused.status());
    }

    record Request(String name, int minutes) {
    }

    private static ShiftVerified shift(Outbox.NewEvent event) {
        return (ShiftVerified) event.event();
    }

    private static ShiftVerified shift(String memberId) {
        return new ShiftVerified(UUID.randomUUID(), memberId, UUID.randomUUID(), "社区巡逻", "patrol",
                LocalDate.parse("2026-11-20"), 90, 15, 1, "grid-wang", Instant.parse("2026-11-20T10:00:00Z"));
    }
}
