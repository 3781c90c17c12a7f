package org.communitypoints.points;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.communitypoints.contracts.ContractEvent;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.RedemptionReceipt;
import org.communitypoints.contracts.Topics;
import org.communitypoints.contracts.events.HoldCaptureRequested;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.contracts.events.PointsCaptureRejected;
import org.communitypoints.contracts.events.PointsHoldRejected;
import org.communitypoints.contracts.events.ProxyChanged.Scope;
import org.communitypoints.contracts.export.ExportPage;
import org.communitypoints.contracts.export.UnconfirmedRequest;
import org.communitypoints.points.service.ExportService;
import org.communitypoints.points.service.HoldService;
import org.communitypoints.points.service.RedemptionReceiptService;
import org.communitypoints.testsupport.KafkaTestClient;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Someone with catalog-service's database password can write a hold request into the catalog's outbox for a resident
 * who never asked. The gateway signs a receipt of every redemption a caller asks for, with a secret catalog-service
 * does not hold; without a receipt for that redemption, that resident and that proxy, this service holds nothing.
 */
@QuarkusTest
class RedemptionReceiptTest {

    private static final String PARTNER = "receipt-canteen";
    /** Longer ago than the registry copy's grace: what the copy says is final. */
    private static final Instant A_MINUTE_AGO = Instant.now().minusSeconds(60);
    private static final RedemptionReceipt.Secret ANOTHER_SECRET = RedemptionReceipt.Secret
            .of("a-secret-the-gateway-never-signed-with-0123456789");
    private static KafkaTestClient kafka;

    @Inject
    LedgerChecks ledger;
    @Inject
    HoldService holds;
    @Inject
    MeterRegistry meters;
    @Inject
    ObjectMapper json;

    /** A community of its own: its subsidy pool is this test's. */
    private final String community = "receipt-" + UUID.randomUUID();

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

    private String residentWith(long points) {
        String member = LedgerChecks.registeredResident(community);
        ledger.credit(community, member, points, "楼道清洁");
        return member;
    }

    /** A hold request as catalog-service writes it, without a receipt. */
    private static HoldRequested request(String member, long points, String actedBy, Instant requestedAt) {
        return new HoldRequested(UUID.randomUUID(), member, PARTNER, "爱心午餐", points, 0,
                Instant.now().plusSeconds(3600), actedBy, null, requestedAt);
    }

    /** The request with a receipt the gateway signed, but of what {@code redemptionId}, {@code member}, {@code actedBy} say. */
    private static HoldRequested signedFor(HoldRequested request, UUID redemptionId, String member, String actedBy) {
        return request.withReceipt(LedgerChecks.receipt(redemptionId, member, actedBy, Instant.now()));
    }

    private EventEnvelope envelope(ContractEvent request) {
        return EventEnvelope.wrap(UUID.randomUUID(), community, Instant.now(), request);
    }

    private void handle(ContractEvent request) {
        holds.handle(envelope(request), request);
    }

    /** The hold's status and reason, e.g. "REJECTED REQUEST_NOT_CONFIRMED". */
    private String holdOf(UUID redemption) {
        return String.join(" ", ledger.ids("""
                select status || coalesce(' ' || reason, '') from hold where redemption_id = ?""", redemption));
    }

    private long journalEntriesOf(List<HoldRequested> requests) {
        return requests.stream().mapToLong(r -> ledger.count(
                "select count(*) from journal_transaction where cause_id = ?", r.redemptionId().toString())).sum();
    }

    /**
     * Hold requests of 20 of the resident's points, each in a way one can be written into catalog's outbox without the
     * gateway having taken it: no receipt, one signed with another secret, one tampered with, the receipt of another
     * redemption ({@code held}'s, which was held), one of another resident, and one whose proxy is not the request's.
     * The proxy holds the resident's REDEEM grant, so the registry copy alone would let them through.
     */
    private List<HoldRequested> forgedRequests(String member, String proxy, HoldRequested held) {
        String neighbour = "resident-" + UUID.randomUUID();
        List<HoldRequested> forged = new ArrayList<>();
        forged.add(request(member, 20, null, A_MINUTE_AGO));
        HoldRequested otherSecret = request(member, 20, null, A_MINUTE_AGO);
        forged.add(otherSecret.withReceipt(
                new RedemptionReceipt(otherSecret.redemptionId(), member, null, Instant.now()).sign(ANOTHER_SECRET)));
        HoldRequested tampered = request(member, 20, null, A_MINUTE_AGO);
        // the gateway's receipt of the neighbour's redemption, edited to name the resident
        String neighbours = LedgerChecks.receipt(tampered.redemptionId(), neighbour, null, Instant.now());
        String[] fields = neighbours.split("\\.");
        fields[2] = LedgerChecks.receipt(tampered.redemptionId(), member, null, Instant.now()).split("\\.")[2];
        forged.add(tampered.withReceipt(String.join(".", fields)));
        forged.add(request(member, 20, null, A_MINUTE_AGO).withReceipt(held.receipt()));
        HoldRequested ofNeighbour = request(member, 20, null, A_MINUTE_AGO);
        forged.add(signedFor(ofNeighbour, ofNeighbour.redemptionId(), neighbour, null));
        // a proxy's request with the resident's own receipt, with another proxy's, and the other way round
        HoldRequested noProxyInReceipt = request(member, 20, proxy, A_MINUTE_AGO);
        forged.add(signedFor(noProxyInReceipt, noProxyInReceipt.redemptionId(), member, null));
        HoldRequested anotherProxy = request(member, 20, proxy, A_MINUTE_AGO);
        forged.add(signedFor(anotherProxy, anotherProxy.redemptionId(), member, "proxy-" + UUID.randomUUID()));
        HoldRequested proxyDropped = request(member, 20, null, A_MINUTE_AGO);
        forged.add(signedFor(proxyDropped, proxyDropped.redemptionId(), member, proxy));
        return forged;
    }

    /** Each forged request refused REQUEST_NOT_CONFIRMED, answered so, and nothing booked for it. */
    private void assertRefused(List<HoldRequested> forged) {
        for (HoldRequested request : forged) {
            assertEquals("REJECTED " + RedemptionReceiptService.REQUEST_NOT_CONFIRMED, holdOf(request.redemptionId()),
                    request.receipt());
        }
        assertEquals(0, journalEntriesOf(forged));
        Set<String> ids = forged.stream().map(r -> r.redemptionId().toString()).collect(Collectors.toSet());
        List<EventEnvelope> answers = kafka.awaitEvents(Topics.HOLDS,
                e -> e.type().equals("PointsHoldRejected") && ids.contains(e.payload().path("redemptionId").asText()),
                forged.size(), Duration.ofSeconds(30));
        assertEquals(forged.size(), answers.size());
        for (EventEnvelope answer : answers) {
            PointsHoldRejected rejected = EventCodec.payload(answer, PointsHoldRejected.class);
            assertEquals(RedemptionReceiptService.REQUEST_NOT_CONFIRMED, rejected.code());
            assertTrue(rejected.detail().contains("没有冻结您的积分"), rejected.detail());
        }
    }

    /** What the operator's alert reads: points_redemptions_unconfirmed_total{reason="REQUEST_NOT_CONFIRMED"}. */
    private double unconfirmedCount() {
        Counter counter = meters.find(RedemptionReceiptService.UNCONFIRMED_METRIC)
                .tag("reason", RedemptionReceiptService.REQUEST_NOT_CONFIRMED).counter();
        return counter == null ? 0 : counter.count();
    }

    private String proxyWithRedeemGrant(String member) {
        String proxy = "proxy-" + UUID.randomUUID();
        LedgerChecks.registry().grant(community, member, proxy, Instant.now().plusSeconds(86_400), Scope.REDEEM);
        return proxy;
    }

    @Test
    void noForgedRequestInAPollHoldsAnyOfTheResidentsPoints() {
        String member = residentWith(50);
        String proxy = proxyWithRedeemGrant(member);
        HoldRequested held = LedgerChecks.withReceipt(request(member, 10, null, A_MINUTE_AGO));
        List<HoldRequested> forged = forgedRequests(member, proxy, held);
        HoldRequested byProxy = LedgerChecks.withReceipt(request(member, 10, proxy, A_MINUTE_AGO));
        List<HoldService.Request> poll = new ArrayList<>();
        poll.add(new HoldService.Request(envelope(held), held));
        forged.forEach(request -> poll.add(new HoldService.Request(envelope(request), request)));
        poll.add(new HoldService.Request(envelope(byProxy), byProxy));

        double alertedBefore = unconfirmedCount();

        holds.handleAll(poll); // redemptions seen nowhere before: the whole poll is placed set-wise

        assertRefused(forged);
        assertEquals(forged.size(), unconfirmedCount() - alertedBefore, "each forgery counted for the operator's alert");
        assertEquals("PLACED", holdOf(held.redemptionId()));
        assertEquals("PLACED", holdOf(byProxy.redemptionId()));
        assertArrayEquals(new long[] { 50, -20 }, ledger.residentBalance(community, member));
    }

    @Test
    void noForgedRequestAppliedAloneHoldsAnyOfTheResidentsPoints() {
        String member = residentWith(50);
        String proxy = proxyWithRedeemGrant(member);
        HoldRequested held = LedgerChecks.withReceipt(request(member, 10, null, A_MINUTE_AGO));
        handle(held);
        assertEquals("PLACED", holdOf(held.redemptionId()));
        List<HoldRequested> forged = forgedRequests(member, proxy, held);

        forged.forEach(this::handle);

        assertRefused(forged);
        assertArrayEquals(new long[] { 50, -10 }, ledger.residentBalance(community, member));
        HoldRequested byProxy = LedgerChecks.withReceipt(request(member, 10, proxy, A_MINUTE_AGO));
        handle(byProxy);
        assertEquals("PLACED", holdOf(byProxy.redemptionId()));
        assertArrayEquals(new long[] { 50, -20 }, ledger.residentBalance(community, member));
    }

    /** One page of the export of refused requests after the cursor, as the reconciler reads it. */
    private ExportPage<UnconfirmedRequest> unconfirmedPage(String after, int limit) throws Exception {
        var request = given().auth().oauth2(Tokens.reconciler()).queryParam("limit", limit);
        if (after != null) {
            request.queryParam("after", after);
        }
        String body = request.when().get("/api/points/exports/unconfirmed-requests").then().statusCode(200).extract()
                .asString();
        return json.readValue(body, new TypeReference<ExportPage<UnconfirmedRequest>>() {
        });
    }

    /** Every page after the cursor, {@code limit} at a time, to the export's end; and the cursor there. */
    private ExportPage<UnconfirmedRequest> unconfirmedAfter(String after, int limit) throws Exception {
        List<UnconfirmedRequest> read = new ArrayList<>();
        String cursor = after;
        while (true) {
            ExportPage<UnconfirmedRequest> page = unconfirmedPage(cursor, limit);
            if (page.items().isEmpty()) {
                return new ExportPage<>(read, cursor);
            }
            read.addAll(page.items());
            cursor = page.nextCursor();
        }
    }

    @Test
    void theReconcilerReadsEveryRefusedRequestInTheOrderItWasRefused() throws Exception {
        String member = residentWith(50);
        String proxy = proxyWithRedeemGrant(member);
        HoldRequested held = LedgerChecks.withReceipt(request(member, 10, null, A_MINUTE_AGO));
        String before = unconfirmedAfter(null, ExportService.MAX_PAGE).nextCursor();
        handle(held);
        List<HoldRequested> forged = forgedRequests(member, proxy, held);
        forged.forEach(this::handle);
        // and one refused for want of points: not an attempt anybody made past the gateway, so not exported
        HoldRequested tooDear = LedgerChecks.withReceipt(request(member, 500, null, A_MINUTE_AGO));
        handle(tooDear);
        assertEquals("REJECTED INSUFFICIENT_POINTS", holdOf(tooDear.redemptionId()));

        // three at a time from where the export stood: the forgeries, each once, in the order they were refused
        List<UnconfirmedRequest> read = await().atMost(Duration.ofSeconds(10))
                .until(() -> unconfirmedAfter(before, 3).items(), r -> r.size() >= forged.size());
        assertEquals(forged.stream().map(HoldRequested::redemptionId).toList(),
                read.stream().map(UnconfirmedRequest::redemptionId).toList());
        for (UnconfirmedRequest refused : read) {
            assertEquals(community, refused.communityId());
            assertEquals(PARTNER, refused.partnerId());
            assertEquals(RedemptionReceiptService.REQUEST_NOT_CONFIRMED, refused.reason());
            assertEquals(20, refused.points());
            assertEquals(member, refused.memberId());
        }

        // for the reconciler only, and a bad cursor is the caller's mistake
        given().auth().oauth2(Tokens.resident(member, community)).when().get("/api/points/exports/unconfirmed-requests")
                .then().statusCode(403);
        given().auth().oauth2(Tokens.reconciler()).queryParam("after", "not-a-cursor").when()
                .get("/api/points/exports/unconfirmed-requests").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("INVALID_CURSOR"));
    }

    @Test
    void aRepeatedRequestFindsItsHoldAndIsAnsweredAsBeforeWithoutBookingAgain() {
        String member = residentWith(50);
        HoldRequested held = LedgerChecks.withReceipt(request(member, 10, null, A_MINUTE_AGO));
        handle(held);
        EventEnvelope first = LedgerChecks.holdAnswer(kafka, held.redemptionId(), "PointsHeld");

        // the same request again, its receipt lost on the way: the hold is there, nothing moves either way
        HoldRequested again = held.withReceipt(null);
        handle(again);

        assertEquals("PLACED", holdOf(held.redemptionId()));
        assertEquals(1, journalEntriesOf(List.of(held)));
        assertArrayEquals(new long[] { 50, -10 }, ledger.residentBalance(community, member));
        List<EventEnvelope> answers = kafka.awaitEvents(Topics.HOLDS, e -> e.eventId().equals(first.eventId()), 2,
                Duration.ofSeconds(30));
        assertEquals(2, answers.size(), "the recorded answer, sent again");
    }

    @Test
    void aFullySubsidisedCaptureWithoutAReceiptTakesNothingFromThePool() {
        ledger.fundPool(community, 100);
        long[] poolBefore = ledger.poolBalance(community);
        String dibao = LedgerChecks.subsidisedResident(community);
        HoldCaptureRequested forged = new HoldCaptureRequested(UUID.randomUUID(), dibao, PARTNER, "partner-counter",
                Instant.now(), 0, 15, "爱心午餐", null, "DIBAO", A_MINUTE_AGO);
        handle(forged);

        assertEquals("REJECTED " + RedemptionReceiptService.REQUEST_NOT_CONFIRMED, holdOf(forged.redemptionId()));
        PointsCaptureRejected rejected = EventCodec.payload(
                LedgerChecks.holdAnswer(kafka, forged.redemptionId(), "PointsCaptureRejected"),
                PointsCaptureRejected.class);
        assertEquals(RedemptionReceiptService.REQUEST_NOT_CONFIRMED, rejected.code());
        assertArrayEquals(poolBefore, ledger.poolBalance(community));
        assertEquals(0, ledger.count("select count(*) from journal_transaction where cause_id = ?",
                forged.redemptionId().toString()));

        HoldCaptureRequested asked = LedgerChecks.withReceipt(new HoldCaptureRequested(UUID.randomUUID(), dibao,
                PARTNER, "partner-counter", Instant.now(), 0, 15, "爱心午餐", null, "DIBAO", A_MINUTE_AGO));
        handle(asked);
        assertEquals("CAPTURED", holdOf(asked.redemptionId()));
        assertArrayEquals(new long[] { poolBefore[0] - 15, poolBefore[1] }, ledger.poolBalance(community));
    }

    @Test
    void theProxysGrantIsCheckedAsOfWhenTheGatewayTookTheRequestNotWhenCatalogServiceSaysItWasAsked() {
        String member = residentWith(50);
        String proxy = "proxy-" + UUID.randomUUID();
        LedgerChecks.registry().grant(community, member, proxy, Instant.now().minusSeconds(120), Scope.REDEEM);
        Instant whileGranted = Instant.now().minusSeconds(600);

        // catalog-service names a time the grant still held; the gateway took the request after it had ended
        HoldRequested backdated = request(member, 20, proxy, whileGranted);
        backdated = backdated.withReceipt(LedgerChecks.receipt(backdated.redemptionId(), member, proxy, A_MINUTE_AGO));
        handle(backdated);
        assertEquals("REJECTED PROXY_NOT_CONFIRMED", holdOf(backdated.redemptionId()));
        assertArrayEquals(new long[] { 50, 0 }, ledger.residentBalance(community, member));

        // the other way round: the gateway took it while the grant held, whatever time catalog-service names
        HoldRequested askedWhileGranted = request(member, 20, proxy, A_MINUTE_AGO);
        askedWhileGranted = askedWhileGranted.withReceipt(
                LedgerChecks.receipt(askedWhileGranted.redemptionId(), member, proxy, whileGranted));
        handle(askedWhileGranted);
        assertEquals("PLACED", holdOf(askedWhileGranted.redemptionId()));
        assertArrayEquals(new long[] { 50, -20 }, ledger.residentBalance(community, member));
    }
}
