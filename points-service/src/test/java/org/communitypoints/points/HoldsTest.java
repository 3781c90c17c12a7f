package org.communitypoints.points;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.communitypoints.contracts.ContractEvent;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.Topics;
import org.communitypoints.contracts.events.HoldCaptureRequested;
import org.communitypoints.contracts.events.HoldReleaseRequested;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.contracts.events.PointsCaptureRejected;
import org.communitypoints.contracts.events.PointsCaptured;
import org.communitypoints.contracts.events.PointsHeld;
import org.communitypoints.contracts.events.PointsHoldRejected;
import org.communitypoints.contracts.events.PointsReleased;
import org.communitypoints.points.service.HoldAnswerRetentionJob;
import org.communitypoints.points.service.HoldService;
import org.communitypoints.testsupport.KafkaTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HoldsTest {

    private static final String COMMUNITY = "wenyuan";
    private static final String PARTNER = "wenyuan-care-centre";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaTestClient kafka;

    @Inject
    LedgerChecks ledger;
    @Inject
    HoldService holds;
    @Inject
    HoldAnswerRetentionJob answerRetention;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forTests();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @AfterEach
    void invariantsHold() {
        ledger.assertInvariants();
    }

    /** A resident of a 低保 household with the points: the registry's copy confirms the discounts asked for them. */
    private String residentWith(long points) {
        String member = LedgerChecks.subsidisedResident(COMMUNITY);
        ledger.credit(COMMUNITY, member, points, "垃圾分类督导");
        return member;
    }

    private static EventEnvelope request(ContractEvent event) {
        return EventEnvelope.wrap(UUID.randomUUID(), COMMUNITY, Instant.now(), event);
    }

    private static HoldRequested hold(UUID redemptionId, String member, long points, long subsidy, Instant expiresAt) {
        return LedgerChecks.withReceipt(
                new HoldRequested(redemptionId, member, PARTNER, "课后托管 2 小时", points, subsidy, expiresAt));
    }

    private static EventEnvelope answer(UUID redemptionId, String type) {
        return LedgerChecks.holdAnswer(kafka, redemptionId, type);
    }

    @Test
    void placesAHoldAndCapturesItWithTheSubsidyFromThePool() {
        String member = residentWith(100);
        UUID redemption = UUID.randomUUID();
        ledger.fundPool(COMMUNITY, 100);
        long poolBefore = poolPosted();
        kafka.publish(request(hold(redemption, member, 30, 10, Instant.now().plusSeconds(3600))));

        PointsHeld held = EventCodec.payload(answer(redemption, "PointsHeld"), PointsHeld.class);
        assertEquals(70, held.availableAfter());
        assertArrayEquals(new long[] { 100, -30 }, ledger.residentBalance(COMMUNITY, member));

        kafka.publish(request(new HoldCaptureRequested(redemption, member, PARTNER, "partner-teacher-liu", Instant.now())));
        PointsCaptured captured = EventCodec.payload(answer(redemption, "PointsCaptured"), PointsCaptured.class);
        assertEquals(30, captured.points());
        assertEquals(10, captured.subsidyPoints());
        assertArrayEquals(new long[] { 70, 0 }, ledger.residentBalance(COMMUNITY, member));
        assertEquals(poolBefore - 10, poolPosted());
        assertEquals(1, ledger.count("""
                select count(*) from posting p join journal_transaction t on t.id = p.transaction_id
                join account a on a.id = p.account_id
                where t.cause_id = ? and t.kind = 'CAPTURE' and a.type = 'REDEMPTION' and not p.pending and p.amount = 40""",
                redemption.toString()));
    }

    private long poolPosted() {
        return ledger.count("select coalesce(sum(posted), 0) from account where community_id = ? and type = 'SUBSIDY_POOL'",
                COMMUNITY);
    }

    @Test
    void refusesAHoldLargerThanTheAvailableBalance() {
        String member = residentWith(5);
        UUID redemption = UUID.randomUUID();
        kafka.publish(request(hold(redemption, member, 8, 2, Instant.now().plusSeconds(3600))));

        PointsHoldRejected rejected = EventCodec.payload(answer(redemption, "PointsHoldRejected"), PointsHoldRejected.class);
        assertEquals("INSUFFICIENT_POINTS", rejected.code());
        assertEquals(5, rejected.available());
        assertArrayEquals(new long[] { 5, 0 }, ledger.residentBalance(COMMUNITY, member));
    }

    private static HoldService.Request inPoll(ContractEvent event) {
        return new HoldService.Request(request(event), event);
    }

    @Test
    void theHoldsOfOnePollAreDecidedInOrderOnTheBalanceTheEarlierOnesLeft() {
        String member = residentWith(100);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        Instant expiresAt = Instant.now().plusSeconds(3600);

        holds.handleAll(List.of(inPoll(hold(first, member, 60, 0, expiresAt)), inPoll(hold(second, member, 60, 0, expiresAt)),
                inPoll(hold(third, member, 30, 0, expiresAt))));

        assertEquals(40, EventCodec.payload(answer(first, "PointsHeld"), PointsHeld.class).availableAfter());
        PointsHoldRejected refused = EventCodec.payload(answer(second, "PointsHoldRejected"), PointsHoldRejected.class);
        assertEquals("INSUFFICIENT_POINTS", refused.code());
        assertEquals(40, refused.available());
        assertEquals(10, EventCodec.payload(answer(third, "PointsHeld"), PointsHeld.class).availableAfter());
        assertArrayEquals(new long[] { 100, -90 }, ledger.residentBalance(COMMUNITY, member));
    }

    @Test
    void aReleaseAndARepeatInTheSamePollAsTheirHoldApplyAfterIt() {
        String member = residentWith(50);
        UUID redemption = UUID.randomUUID();
        Instant expiresAt = Instant.now().plusSeconds(3600);

        holds.handleAll(List.of(inPoll(hold(redemption, member, 20, 0, expiresAt)),
                inPoll(new HoldReleaseRequested(redemption, member, "CANCELLED")),
                inPoll(hold(redemption, member, 20, 0, expiresAt))));

        assertEquals(30, EventCodec.payload(answer(redemption, "PointsHeld"), PointsHeld.class).availableAfter());
        assertEquals(20, EventCodec.payload(answer(redemption, "PointsReleased"), PointsReleased.class).points());
        assertEquals(List.of("RELEASED"), ledger.ids("select status from hold where redemption_id = ?", redemption));
        assertArrayEquals(new long[] { 50, 0 }, ledger.residentBalance(COMMUNITY, member));
    }

    @Test
    void releasesOnRequestAndThenRefusesToCapture() {
        String member = residentWith(50);
        UUID redemption = UUID.randomUUID();
        kafka.publish(request(hold(redemption, member, 20, 0, Instant.now().plusSeconds(3600))));
        answer(redemption, "PointsHeld");
        kafka.publish(request(new HoldReleaseRequested(redemption, member, "CANCELLED")));

        PointsReleased released = EventCodec.payload(answer(redemption, "PointsReleased"), PointsReleased.class);
        assertEquals("CANCELLED", released.reason());
        assertEquals(20, released.points());
        assertArrayEquals(new long[] { 50, 0 }, ledger.residentBalance(COMMUNITY, member));

        kafka.publish(request(new HoldCaptureRequested(redemption, member, PARTNER, "partner-teacher-liu", Instant.now())));
        PointsCaptureRejected refused = EventCodec.payload(answer(redemption, "PointsCaptureRejected"),
                PointsCaptureRejected.class);
        assertEquals("HOLD_NOT_ACTIVE", refused.code());
        assertArrayEquals(new long[] { 50, 0 }, ledger.residentBalance(COMMUNITY, member));
    }

    @Test
    void releasesAnExpiredHoldByItself() {
        String member = residentWith(40);
        UUID redemption = UUID.randomUUID();
        kafka.publish(request(hold(redemption, member, 25, 0, Instant.now().plusSeconds(2))));
        answer(redemption, "PointsHeld");

        PointsReleased released = EventCodec.payload(answer(redemption, "PointsReleased"), PointsReleased.class);
        assertEquals("EXPIRED", released.reason());
        assertArrayEquals(new long[] { 40, 0 }, ledger.residentBalance(COMMUNITY, member));
        assertEquals(List.of("EXPIRED"), ledger.ids("select status from hold where redemption_id = ?", redemption));
    }

    @Test
    void answersARepeatedRequestOnlyOnceWithTheSameEventId() {
        String member = residentWith(60);
        UUID redemption = UUID.randomUUID();
        HoldRequested request = hold(redemption, member, 10, 0, Instant.now().plusSeconds(3600));
        EventEnvelope first = request(request);
        kafka.publish(first);
        kafka.publish(first);
        kafka.publish(request(request)); // catalog-service asked again under a new event id
        kafka.publish(request(new HoldReleaseRequested(redemption, member, "CANCELLED")));
        answer(redemption, "PointsReleased");

        List<EventEnvelope> answers = kafka.readFor(Topics.HOLDS,
                e -> e.payload().path("redemptionId").asText().equals(redemption.toString()), Duration.ofSeconds(2));
        assertEquals(2, answers.stream().map(EventEnvelope::eventId).distinct().count(), answers.toString());
        assertEquals(1, ledger.count("select count(*) from journal_transaction where cause_id = ? and kind = 'HOLD'",
                redemption.toString()));
        assertArrayEquals(new long[] { 60, 0 }, ledger.residentBalance(COMMUNITY, member));
    }

    @Test
    void ofTwoConcurrentHoldsOfEightyPercentExactlyOneIsPlaced() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String member = residentWith(100);
                UUID first = UUID.randomUUID();
                UUID second = UUID.randomUUID();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> racing = new ArrayList<>();
                for (UUID redemption : List.of(first, second)) {
                    Callable<Void> place = () -> {
                        start.await();
                        holds.handle(request(hold(redemption, member, 80, 0, Instant.now().plusSeconds(3600))),
                                hold(redemption, member, 80, 0, Instant.now().plusSeconds(3600)));
                        return null;
                    };
                    racing.add(pool.submit(place));
                }
                start.countDown();
                for (Future<?> f : racing) {
                    f.get();
                }
                List<String> statuses = ledger.ids("select status from hold where redemption_id in (?, ?) order by status",
                        first, second);
                assertEquals(List.of("PLACED", "REJECTED"), statuses);
                long[] balance = ledger.residentBalance(COMMUNITY, member);
                assertEquals(100, balance[0]);
                assertEquals(-80, balance[1]);
                assertTrue(balance[0] + balance[1] >= 0);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deadLettersAMalformedRequestAndMovesOn() {
        String member = residentWith(30);
        UUID redemption = UUID.randomUUID();
        kafka.publishRaw(Topics.REDEMPTIONS, member, "{\"eventId\": \"not-a-uuid\"}");
        kafka.publish(request(hold(UUID.randomUUID(), member, -5, 0, Instant.now().plusSeconds(3600))));
        kafka.publish(request(hold(redemption, member, 10, 0, Instant.now().plusSeconds(3600))));

        answer(redemption, "PointsHeld");
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> letters = kafka.awaitRecords(
                Topics.deadLetterOf(Topics.REDEMPTIONS), r -> member.equals(r.key()), 2, WAIT);
        List<String> reasons = letters.stream().map(DeadLetterRecords::reason).toList();
        assertTrue(reasons.stream().anyMatch(r -> r.contains("points must not be negative")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("not an event envelope")), reasons.toString());
    }

    @Test
    void aReleaseThatArrivesBeforeItsHoldLeavesATombstoneSoTheLateHoldFreezesNothing() {
        String member = residentWith(50);
        UUID redemption = UUID.randomUUID();
        kafka.publish(request(new HoldReleaseRequested(redemption, member, "CANCELLED")));
        PointsReleased released = EventCodec.payload(answer(redemption, "PointsReleased"), PointsReleased.class);
        assertEquals(0, released.points());

        kafka.publish(request(hold(redemption, member, 20, 0, Instant.now().plusSeconds(3600))));

        PointsHoldRejected refused = EventCodec.payload(answer(redemption, "PointsHoldRejected"),
                PointsHoldRejected.class);
        assertEquals(HoldService.HOLD_RELEASED, refused.code());
        assertArrayEquals(new long[] { 50, 0 }, ledger.residentBalance(COMMUNITY, member));
        assertEquals(0, ledger.count("select count(*) from journal_transaction where cause_id = ?", redemption.toString()));
        kafka.publish(request(new HoldCaptureRequested(redemption, member, PARTNER, "partner-teacher-liu", Instant.now())));
        assertEquals("HOLD_NOT_ACTIVE", EventCodec.payload(answer(redemption, "PointsCaptureRejected"),
                PointsCaptureRejected.class).code());
    }

    @Test
    void aHoldOfZeroPointsFreezesNothingOfTheResidentReservesTheSubsidyAndItsCapturePostsOnlyTheSubsidy() {
        String member = residentWith(5);
        UUID redemption = UUID.randomUUID();
        ledger.fundPool(COMMUNITY, 100);
        long poolBefore = poolPosted();
        kafka.publish(request(hold(redemption, member, 0, 12, Instant.now().plusSeconds(3600))));

        PointsHeld held = EventCodec.payload(answer(redemption, "PointsHeld"), PointsHeld.class);
        assertEquals(0, held.points());
        assertArrayEquals(new long[] { 5, 0 }, ledger.residentBalance(COMMUNITY, member));
        // none of the resident's points are held, but the subsidy is reserved on the pool
        assertEquals(1, ledger.count("""
                select count(*) from posting p join journal_transaction t on t.id = p.transaction_id
                join account a on a.id = p.account_id
                where t.cause_id = ? and t.kind = 'HOLD' and a.type = 'SUBSIDY_POOL' and p.pending and p.amount = -12""",
                redemption.toString()));

        kafka.publish(request(new HoldCaptureRequested(redemption, member, PARTNER, "partner-teacher-liu", Instant.now())));
        PointsCaptured captured = EventCodec.payload(answer(redemption, "PointsCaptured"), PointsCaptured.class);
        assertEquals(0, captured.points());
        assertEquals(12, captured.subsidyPoints());
        assertArrayEquals(new long[] { 5, 0 }, ledger.residentBalance(COMMUNITY, member));
        assertEquals(poolBefore - 12, poolPosted());
        assertEquals(List.of("SUBSIDY_POOL:-12", "REDEMPTION:12"), legsOfCapture(redemption));
    }

    @Test
    void aFullySubsidisedCaptureWithoutAHoldPostsOnlyTheSubsidyOnceHoweverOftenItIsSent() {
        String member = residentWith(5);
        UUID redemption = UUID.randomUUID();
        ledger.fundPool(COMMUNITY, 100);
        long poolBefore = poolPosted();
        HoldCaptureRequested capture = LedgerChecks.withReceipt(new HoldCaptureRequested(redemption, member, PARTNER,
                "partner-teacher-liu", Instant.now(), 0, 15, "爱心午餐"));
        EventEnvelope first = request(capture);
        EventEnvelope again = request(capture); // re-sent by catalog-service's saga re-driver under a new event id
        kafka.publish(first);
        kafka.publish(again);

        PointsCaptured captured = EventCodec.payload(answer(redemption, "PointsCaptured"), PointsCaptured.class);
        assertEquals(15, captured.subsidyPoints());
        await().atMost(WAIT).until(() -> ledger.count("select count(*) from processed_event where event_id in (?, ?)",
                first.eventId(), again.eventId()) == 2);
        List<EventEnvelope> answers = kafka.readFor(Topics.HOLDS,
                e -> e.payload().path("redemptionId").asText().equals(redemption.toString()), Duration.ofSeconds(2));
        // the repeat is answered again with the same answer: one event id however many copies
        assertEquals(1, answers.stream().map(EventEnvelope::eventId).distinct().count(), answers.toString());
        assertEquals(List.of("SUBSIDY_POOL:-15", "REDEMPTION:15"), legsOfCapture(redemption));
        assertEquals(poolBefore - 15, poolPosted());
        assertArrayEquals(new long[] { 5, 0 }, ledger.residentBalance(COMMUNITY, member));
    }

    @Test
    void repeatedCaptureAndReleaseRequestsUnderNewEventIdsChangeNothingTwice() {
        String member = residentWith(80);
        UUID captured = UUID.randomUUID();
        UUID released = UUID.randomUUID();
        kafka.publish(request(hold(captured, member, 30, 0, Instant.now().plusSeconds(3600))));
        kafka.publish(request(hold(released, member, 20, 0, Instant.now().plusSeconds(3600))));
        answer(captured, "PointsHeld");
        answer(released, "PointsHeld");

        for (int i = 0; i < 3; i++) {
            kafka.publish(request(new HoldCaptureRequested(captured, member, PARTNER, "partner-teacher-liu", Instant.now())));
            kafka.publish(request(new HoldReleaseRequested(released, member, "CANCELLED")));
        }
        answer(captured, "PointsCaptured");
        answer(released, "PointsReleased");

        List<EventEnvelope> answers = kafka.readFor(Topics.HOLDS,
                e -> List.of(captured.toString(), released.toString()).contains(e.payload().path("redemptionId").asText()),
                Duration.ofSeconds(3));
        // held, held, captured, released: nothing else, however often the repeats were answered again
        assertEquals(4, answers.stream().map(EventEnvelope::eventId).distinct().count(), answers.toString());
        assertEquals(1, ledger.count("select count(*) from journal_transaction where cause_id = ? and kind = 'CAPTURE'",
                captured.toString()));
        assertEquals(1, ledger.count("select count(*) from journal_transaction where cause_id = ? and kind = 'RELEASE'",
                released.toString()));
        assertArrayEquals(new long[] { 50, 0 }, ledger.residentBalance(COMMUNITY, member));
    }

    @Test
    void aRepeatedRequestIsAnsweredAgainWithTheRecordedAnswerUnderTheSameEventId() {
        answeredAgainUnderTheSameEventId(false);
    }

    /**
     * Past points.holds.answer-envelopes-kept the kept envelopes are cleared (HoldAnswerRetentionJob); a request that
     * comes again after that is still answered, rebuilt from the hold under the same event id, and books nothing.
     */
    @Test
    void aRepeatedRequestIsAnsweredUnderTheSameEventIdAfterTheKeptAnswerWasCleared() {
        answeredAgainUnderTheSameEventId(true);
    }

    private void answeredAgainUnderTheSameEventId(boolean envelopesCleared) {
        String member = residentWith(100);
        UUID held = UUID.randomUUID();
        UUID refused = UUID.randomUUID();
        UUID captured = UUID.randomUUID();
        UUID released = UUID.randomUUID();
        UUID tombstone = UUID.randomUUID();
        UUID neverHeld = UUID.randomUUID();
        HoldRequested holdHeld = hold(held, member, 10, 0, Instant.now().plusSeconds(3600));
        HoldRequested holdRefused = hold(refused, member, 1000, 0, Instant.now().plusSeconds(3600));
        HoldCaptureRequested capture = new HoldCaptureRequested(captured, member, PARTNER, "partner-teacher-liu",
                Instant.now());
        HoldReleaseRequested release = new HoldReleaseRequested(released, member, "CANCELLED");
        HoldReleaseRequested releaseFirst = new HoldReleaseRequested(tombstone, member, "CANCELLED");
        HoldCaptureRequested captureWithoutHold = new HoldCaptureRequested(neverHeld, member, PARTNER,
                "partner-teacher-liu", Instant.now());
        kafka.publish(request(holdHeld));
        kafka.publish(request(holdRefused));
        kafka.publish(request(hold(captured, member, 20, 0, Instant.now().plusSeconds(3600))));
        kafka.publish(request(hold(released, member, 30, 0, Instant.now().plusSeconds(3600))));
        answer(captured, "PointsHeld");
        answer(released, "PointsHeld");
        kafka.publish(request(capture));
        kafka.publish(request(release));
        kafka.publish(request(releaseFirst));
        kafka.publish(request(captureWithoutHold));
        List<EventEnvelope> first = List.of(answer(held, "PointsHeld"), answer(refused, "PointsHoldRejected"),
                answer(captured, "PointsCaptured"), answer(released, "PointsReleased"),
                answer(tombstone, "PointsReleased"), answer(neverHeld, "PointsCaptureRejected"));
        long[] balance = ledger.residentBalance(COMMUNITY, member);
        long journal = ledger.count("select count(*) from journal_transaction where cause_id in (?, ?, ?, ?, ?, ?)",
                held.toString(), refused.toString(), captured.toString(), released.toString(), tombstone.toString(),
                neverHeld.toString());

        if (envelopesCleared) {
            answerRetention.forgetOlderThan(Duration.ZERO);
            assertEquals(0, ledger.count("select count(*) from hold_answer where redemption_id::text in (?, ?, ?, ?, ?, ?)"
                    + " and envelope is not null", held.toString(), refused.toString(), captured.toString(),
                    released.toString(), tombstone.toString(), neverHeld.toString()));
        }

        // catalog-service's saga re-driver asks again, each time under a new event id
        for (ContractEvent again : List.of(holdHeld, holdRefused, capture, release, releaseFirst, captureWithoutHold)) {
            kafka.publish(request(again));
        }

        for (EventEnvelope answer : first) {
            List<EventEnvelope> copies = kafka.awaitEvents(Topics.HOLDS, e -> e.eventId().equals(answer.eventId()), 2,
                    WAIT);
            assertEquals(2, copies.size(), answer.type());
            assertEquals(answer.type(), copies.get(1).type());
            if (envelopesCleared) {
                // rebuilt: the same answer about the same redemption; a balance in it is the balance now
                assertEquals(answer.payload().path("redemptionId"), copies.get(1).payload().path("redemptionId"));
                assertEquals(answer.payload().path("code"), copies.get(1).payload().path("code"), answer.type());
            } else {
                assertEquals(answer.payload(), copies.get(1).payload(), answer.type());
            }
        }
        assertArrayEquals(balance, ledger.residentBalance(COMMUNITY, member));
        assertEquals(journal, ledger.count("select count(*) from journal_transaction where cause_id in (?, ?, ?, ?, ?, ?)",
                held.toString(), refused.toString(), captured.toString(), released.toString(), tombstone.toString(),
                neverHeld.toString()));
    }

    /** The posted legs of a redemption's capture, as "ACCOUNT_TYPE:amount", pool first. */
    private List<String> legsOfCapture(UUID redemption) {
        return ledger.ids("""
                select a.type || ':' || p.amount from posting p join journal_transaction t on t.id = p.transaction_id
                join account a on a.id = p.account_id
                where t.cause_id = ? and t.kind = 'CAPTURE' and not p.pending order by p.amount""",
                redemption.toString());
    }
}
