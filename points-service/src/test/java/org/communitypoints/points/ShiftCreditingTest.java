package org.communitypoints.points;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.Topics;
import org.communitypoints.contracts.events.ShiftCorrected;
import org.communitypoints.contracts.events.ShiftVerified;
import org.communitypoints.platform.data.InboundRecord;
import org.communitypoints.points.service.ShiftCreditingService;
import org.communitypoints.points.service.ShiftEvent;
import org.communitypoints.testsupport.KafkaTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ShiftCreditingTest {

    private static final String COMMUNITY = "wutong";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaTestClient kafka;
    /** Offsets of the corrections applied here without Kafka: far from the broker's and LedgerChecks' own. */
    private static final AtomicLong CORRECTION_OFFSETS = new AtomicLong(1L << 40);

    @Inject
    LedgerChecks ledger;
    @Inject
    ShiftCreditingService crediting;

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

    private static String newMember() {
        return "resident-" + UUID.randomUUID();
    }

    private static EventEnvelope envelope(UUID eventId, org.communitypoints.contracts.ContractEvent event) {
        return EventEnvelope.wrap(eventId, COMMUNITY, Instant.now(), event);
    }

    private void awaitPosted(String member, long posted) {
        await().atMost(WAIT).until(() -> {
            long[] balance = ledger.residentBalance(COMMUNITY, member);
            return balance != null && balance[0] == posted;
        });
    }

    @Test
    void creditsAVerifiedShiftFromKafka() {
        String member = newMember();
        kafka.publish(envelope(UUID.randomUUID(), LedgerChecks.shift(UUID.randomUUID(), member, 20, "食堂秩序维护 · 午餐")));

        awaitPosted(member, 20);
    }

    @Test
    void creditsADuplicatedAndAReplayedShiftOnce() {
        String member = newMember();
        UUID shiftId = UUID.randomUUID();
        ShiftVerified shift = LedgerChecks.shift(shiftId, member, 20, "社区巡逻");
        EventEnvelope first = envelope(UUID.randomUUID(), shift);
        kafka.publish(first);
        kafka.publish(first); // redelivered as is
        kafka.publish(envelope(UUID.randomUUID(), shift)); // the same shift published again as a new event
        // a later shift of the same resident (same key, same partition) proves the earlier records were consumed
        kafka.publish(envelope(UUID.randomUUID(), LedgerChecks.shift(UUID.randomUUID(), member, 5, "宣传引导")));

        awaitPosted(member, 25);
        assertEquals(1, ledger.count("select count(*) from journal_transaction where shift_id = ?::uuid", shiftId.toString()));
        // the credit's primary key, derived from the shift, is the record that the event was applied: no row per credit
        assertEquals(0, ledger.count("select count(*) from processed_event where event_id = ?", first.eventId()));
    }

    @Test
    void postsTheDifferenceOfACorrection() {
        String member = newMember();
        UUID shiftId = UUID.randomUUID();
        kafka.publish(envelope(UUID.randomUUID(), LedgerChecks.shift(shiftId, member, 20, "食堂秩序维护")));
        kafka.publish(envelope(UUID.randomUUID(), new ShiftCorrected(UUID.randomUUID(), shiftId, member, "食堂秩序维护",
                90, 20, 15, "签退时间记错", "staff-zhao", Instant.now())));

        awaitPosted(member, 15);
        assertEquals("签退时间记错", ledger.ids("select reason from journal_transaction where kind = 'SHIFT_CORRECTION' "
                + "and cause_id in (select cause_id from journal_transaction t join posting p on p.transaction_id = t.id "
                + "join account a on a.id = p.account_id where a.owner_id = ? and t.kind = 'SHIFT_CORRECTION')", member)
                .get(0));
    }

    @Test
    void deadLettersAnUnreadableRecordWithTheReasonAndMovesOn() throws Exception {
        String member = newMember();
        kafka.publishRaw(Topics.SHIFTS, member, "this is not an event");
        kafka.publish(envelope(UUID.randomUUID(), LedgerChecks.shift(UUID.randomUUID(), member, 7, "环境整治")));

        awaitPosted(member, 7);
        List<ConsumerRecord<String, String>> letters = kafka.awaitRecords(Topics.deadLetterOf(Topics.SHIFTS),
                r -> member.equals(r.key()), 1, WAIT);
        assertEquals("this is not an event", letters.get(0).value());
        assertTrue(DeadLetterRecords.reason(letters.get(0)).contains("not an event envelope"),
                DeadLetterRecords.reason(letters.get(0)));
    }

    @Test
    void skipsEventTypesItDoesNotKnow() {
        String member = newMember();
        EventEnvelope unknown = new EventEnvelope(UUID.randomUUID(), "ShiftArchived", 1, Instant.now(), COMMUNITY, member,
                new ObjectMapper().createObjectNode().put("memberId", member));
        kafka.publishRaw(Topics.SHIFTS, member, org.communitypoints.contracts.EventCodec.encode(unknown));
        kafka.publish(envelope(UUID.randomUUID(), LedgerChecks.shift(UUID.randomUUID(), member, 3, "文明治理")));

        awaitPosted(member, 3);
        assertEquals(0, ledger.count("select count(*) from outbox_event where event_key = ?", member));
        assertEquals(0, ledger.count("select count(*) from processed_event where event_id = ?", unknown.eventId()));
    }

    @Test
    void aBatchThatFailsMidwayLeavesNothingAndItsRedeliveryCreditsEachShiftOnce() {
        String member = newMember();
        var good1 = LedgerChecks.shiftEvent(COMMUNITY, UUID.randomUUID(),
                LedgerChecks.shift(UUID.randomUUID(), member, 4, "活动协助"));
        var good2 = LedgerChecks.shiftEvent(COMMUNITY, UUID.randomUUID(),
                LedgerChecks.shift(UUID.randomUUID(), member, 6, "活动协助"));
        // PostgreSQL refuses a NUL character in text: the transaction fails after the first statements ran
        var poison = LedgerChecks.shiftEvent(COMMUNITY, UUID.randomUUID(),
                LedgerChecks.shift(UUID.randomUUID(), "bad\u0000member", 5, "活动协助"));

        assertThrows(RuntimeException.class, () -> crediting.apply(List.of(good1, good2, poison)));
        assertNull(ledger.residentBalance(COMMUNITY, member));
        assertEquals(0, ledger.count("select count(*) from journal_transaction where shift_id = ?::uuid",
                ((ShiftVerified) good1.payload()).shiftId().toString()));

        crediting.apply(List.of(good1, good2)); // the redelivery after the crash
        crediting.apply(List.of(good2, good1)); // and once more after a rebalance
        assertEquals(10, ledger.residentBalance(COMMUNITY, member)[0]);
    }

    @Test
    void deadLettersOnlyThePoisonRecordOfABatchFromKafka() {
        String member = newMember();
        kafka.publish(envelope(UUID.randomUUID(), LedgerChecks.shift(UUID.randomUUID(), member, 2, "活动协助")));
        kafka.publish(envelope(UUID.randomUUID(), LedgerChecks.shift(UUID.randomUUID(), member + "\u0000", 5, "活动协助")));
        kafka.publish(envelope(UUID.randomUUID(), LedgerChecks.shift(UUID.randomUUID(), member, 3, "活动协助")));

        awaitPosted(member, 5);
        kafka.awaitRecords(Topics.deadLetterOf(Topics.SHIFTS), r -> (member + "\\u0000").equals(r.key()), 1, WAIT);
    }

    @Test
    void aCorrectionTakingBackPointsAlreadySpentIsDeadLetteredNotOverdrawn() {
        String member = newMember();
        UUID shiftId = UUID.randomUUID();
        ledger.credit(COMMUNITY, member, 20, "食堂秩序维护");
        UUID correction = UUID.randomUUID();
        // the resident's balance is 20, the correction claims a 50-point shift was worth nothing
        kafka.publish(envelope(UUID.randomUUID(), new ShiftCorrected(correction, shiftId, member, "食堂秩序维护",
                0, 50, 0, "班次取消", "staff-zhao", Instant.now())));

        List<ConsumerRecord<String, String>> letters = kafka.awaitRecords(Topics.deadLetterOf(Topics.SHIFTS),
                r -> member.equals(r.key()), 1, WAIT);
        assertTrue(DeadLetterRecords.reason(letters.get(0)).contains("INSUFFICIENT_POINTS"),
                DeadLetterRecords.reason(letters.get(0)));
        assertEquals(20, ledger.residentBalance(COMMUNITY, member)[0]);
        assertEquals(0, ledger.count("select count(*) from journal_transaction where cause_id = ?", correction.toString()));
    }

    @Test
    void aRefusedCorrectionRedeliveredAfterTheBalanceGrewIsStillNotBooked() {
        String member = newMember();
        ledger.credit(COMMUNITY, member, 20, "食堂秩序维护");
        UUID correction = UUID.randomUUID();
        ShiftEvent refused = correctionEvent(new ShiftCorrected(correction, UUID.randomUUID(), member, "食堂秩序维护",
                0, 50, 0, "班次取消", "staff-zhao", Instant.now()));
        assertEquals(1, crediting.apply(List.of(refused)).deadLettered());
        ledger.credit(COMMUNITY, member, 40, "社区巡逻");

        ShiftCreditingService.Outcome redelivered = crediting.apply(List.of(refused));

        assertEquals(0, redelivered.booked());
        assertEquals(0, redelivered.deadLettered());
        assertEquals(60, ledger.residentBalance(COMMUNITY, member)[0]);
        assertEquals(0, ledger.count("select count(*) from journal_transaction where cause_id = ?", correction.toString()));
    }

    @Test
    void aReplayedCreditIsNotCountedTwiceWhenALaterCorrectionIsChecked() {
        String member = newMember();
        ShiftEvent credit = LedgerChecks.shiftEvent(COMMUNITY, UUID.randomUUID(),
                LedgerChecks.shift(UUID.randomUUID(), member, 10, "活动协助"));
        crediting.apply(List.of(credit));
        // takes 15: it fits only if the replayed credit of 10 were counted a second time
        ShiftEvent correction = correctionEvent(new ShiftCorrected(UUID.randomUUID(), UUID.randomUUID(), member, "活动协助",
                0, 15, 0, "班次取消", "staff-zhao", Instant.now()));

        ShiftCreditingService.Outcome outcome = crediting.apply(List.of(credit, correction));

        assertEquals(0, outcome.booked());
        assertEquals(1, outcome.deadLettered());
        assertEquals(10, ledger.residentBalance(COMMUNITY, member)[0]);
    }

    private static ShiftEvent correctionEvent(ShiftCorrected correction) {
        return new ShiftEvent(UUID.randomUUID(), "ShiftCorrected", COMMUNITY, correction, new InboundRecord(Topics.SHIFTS,
                0, CORRECTION_OFFSETS.incrementAndGet(), correction.memberId(), "{}", List.of()));
    }
}
