package org.communitypoints.points;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.communitypoints.contracts.ContractEvent;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.events.HoldCaptureRequested;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.contracts.events.PointsCaptureRejected;
import org.communitypoints.contracts.events.PointsHoldRejected;
import org.communitypoints.contracts.events.ProxyChanged.Scope;
import org.communitypoints.platform.data.ConsumerReadiness;
import org.communitypoints.platform.data.membership.RegistryCopyBehind;
import org.communitypoints.points.service.HoldService;
import org.communitypoints.points.service.RedemptionReceiptService;
import org.communitypoints.points.service.RegistryConfirmationService;
import org.communitypoints.testsupport.KafkaTestClient;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A hold request claims what catalog-service read in its own copy of the registry: the proxy's REDEEM grant, the
 * household's category a discount was given for. This service checks both in its own copy, so a grant or category
 * forged into the catalog's copy (it is written by the catalog's database role) moves none of a resident's points and
 * nothing of the subsidy pool. A copy that is only behind is waited for (the test profile's grace: 2 s).
 */
@QuarkusTest
class RedemptionRegistryChecksTest {

    private static final String PARTNER = "registry-canteen";
    /** Longer ago than the grace: the copy is taken as final. */
    private static final Instant A_MINUTE_AGO = Instant.now().minusSeconds(60);
    private static KafkaTestClient kafka;

    @Inject
    LedgerChecks ledger;
    @Inject
    MeterRegistry meters;
    @Inject
    HoldService holds;
    @Inject
    ConsumerReadiness readiness;

    /** A community of its own: its subsidy pool is this test's. */
    private final String community = "registry-" + UUID.randomUUID();

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

    /** A resident of a household with the category (valid from a year ago until the day given, or open-ended). */
    private String residentOfHousehold(long points, String category, LocalDate until) {
        String member = LedgerChecks.residentOfHousehold(community, category, until);
        ledger.credit(community, member, points, "楼道清洁");
        return member;
    }

    /** A request the resident or proxy made at {@code requestedAt}: the gateway's receipt says so too, and counts. */
    private HoldRequested hold(String member, long points, long subsidy, String actedBy, String category,
            Instant requestedAt) {
        return LedgerChecks.withReceipt(new HoldRequested(UUID.randomUUID(), member, PARTNER, "爱心午餐", points, subsidy,
                Instant.now().plusSeconds(3600), actedBy, category, requestedAt));
    }

    private void handle(ContractEvent request) {
        holds.handle(EventEnvelope.wrap(UUID.randomUUID(), community, Instant.now(), request), request);
    }

    /** The hold's status and reason, e.g. "REJECTED PROXY_NOT_CONFIRMED". */
    private String holdOf(UUID redemption) {
        return String.join(" ", ledger.ids("""
                select status || coalesce(' ' || reason, '') from hold where redemption_id = ?""", redemption));
    }

    /** What the community's subsidy pool has available: posted, less what holds reserve. */
    private long poolAvailable() {
        long[] pool = ledger.poolBalance(community);
        return pool[0] + pool[1];
    }

    private static EventEnvelope answer(UUID redemption, String type) {
        return LedgerChecks.holdAnswer(kafka, redemption, type);
    }

    /** What the operator's alert reads: points_redemptions_unconfirmed_total{reason}. */
    private double unconfirmedCount(String reason) {
        Counter counter = meters.find(RedemptionReceiptService.UNCONFIRMED_METRIC).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aProxyWithoutARedeemGrantInThisCopyMovesNoneOfTheResidentsPoints() {
        String member = residentWith(50);
        String proxy = "proxy-" + UUID.randomUUID();
        // a grant to read the passbook is not one to spend the points
        LedgerChecks.registry().grant(community, member, proxy, Instant.now().plusSeconds(86_400), Scope.PASSBOOK_READ);
        HoldRequested byProxy = hold(member, 20, 0, proxy, null, A_MINUTE_AGO);
        double alertedBefore = unconfirmedCount(RegistryConfirmationService.PROXY_NOT_CONFIRMED);
        handle(byProxy);

        assertEquals("REJECTED PROXY_NOT_CONFIRMED", holdOf(byProxy.redemptionId()));
        assertEquals(1, unconfirmedCount(RegistryConfirmationService.PROXY_NOT_CONFIRMED) - alertedBefore,
                "counted for the operator's alert");
        assertArrayEquals(new long[] { 50, 0 }, ledger.residentBalance(community, member));
        PointsHoldRejected rejected = EventCodec.payload(answer(byProxy.redemptionId(), "PointsHoldRejected"),
                PointsHoldRejected.class);
        assertEquals(RegistryConfirmationService.PROXY_NOT_CONFIRMED, rejected.code());
        assertTrue(rejected.detail().contains("授权"), rejected.detail());

        // the resident acting themself, and a proxy with the grant, are held as before
        HoldRequested own = hold(member, 20, 0, member, null, A_MINUTE_AGO);
        handle(own);
        assertEquals("PLACED", holdOf(own.redemptionId()));
        LedgerChecks.registry().grant(community, member, proxy, Instant.now().plusSeconds(86_400), Scope.REDEEM);
        HoldRequested granted = hold(member, 20, 0, proxy, null, A_MINUTE_AGO);
        handle(granted);
        assertEquals("PLACED", holdOf(granted.redemptionId()));
        assertArrayEquals(new long[] { 50, -40 }, ledger.residentBalance(community, member));
    }

    @Test
    void aGrantThisCopyHasNotReceivedYetIsWaitedForAndThePollAppliedWhenItArrives() {
        String member = residentWith(50);
        String proxy = "proxy-" + UUID.randomUUID();
        HoldRequested early = hold(member, 20, 0, proxy, null, Instant.now());
        // asked just now: a copy without the grant may only be behind, so nothing is written, and the poll is tried again
        assertThrows(RegistryCopyBehind.class, () -> handle(early));
        assertEquals("", holdOf(early.redemptionId()));

        kafka.publish(EventEnvelope.wrap(UUID.randomUUID(), community, Instant.now(), early));
        // the consumer keeps trying while the grant is on its way; it arrives well within the grace
        // the partition waits, the service stays ready, and says why the partition waits
        HealthCheckResponse waiting = await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> readiness.check("redemptions"), check -> check.getData().isPresent());
        assertEquals(HealthCheckResponse.Status.UP, waiting.getStatus());
        assertTrue(waiting.getData().orElseThrow().values().stream()
                .anyMatch(value -> String.valueOf(value).startsWith("registry copy behind")), waiting.getData()::toString);
        assertEquals("", holdOf(early.redemptionId()));
        LedgerChecks.registry().grant(community, member, proxy, Instant.now().plusSeconds(86_400), Scope.REDEEM);

        answer(early.redemptionId(), "PointsHeld");
        assertEquals("PLACED", holdOf(early.redemptionId()));
        assertArrayEquals(new long[] { 50, -20 }, ledger.residentBalance(community, member));
    }

    @Test
    void aGrantThatNeverArrivesIsRefusedOnceTheGraceHasPassed() {
        String member = residentWith(50);
        HoldRequested forged = hold(member, 20, 0, "proxy-" + UUID.randomUUID(), null, Instant.now());
        kafka.publish(EventEnvelope.wrap(UUID.randomUUID(), community, Instant.now(), forged));

        PointsHoldRejected rejected = EventCodec.payload(answer(forged.redemptionId(), "PointsHoldRejected"),
                PointsHoldRejected.class);
        assertEquals(RegistryConfirmationService.PROXY_NOT_CONFIRMED, rejected.code());
        assertEquals("REJECTED PROXY_NOT_CONFIRMED", holdOf(forged.redemptionId()));
        assertArrayEquals(new long[] { 50, 0 }, ledger.residentBalance(community, member));
    }

    @Test
    void aDiscountIsHeldOnlyForACategoryTheHouseholdHadOnTheDayInThisCopy() {
        ledger.fundPool(community, 100);
        long poolBefore = poolAvailable();
        String noHousehold = residentWith(50);
        String disability = residentOfHousehold(50, "DISABILITY", null);
        String dibaoEnded = residentOfHousehold(50, "DIBAO", LocalDate.now().minusDays(30));
        String dibao = residentOfHousehold(50, "DIBAO", null);

        for (String member : List.of(noHousehold, disability, dibaoEnded)) {
            HoldRequested discounted = hold(member, 3, 5, null, "DIBAO", A_MINUTE_AGO);
            handle(discounted);
            assertEquals("REJECTED SUBSIDY_NOT_CONFIRMED", holdOf(discounted.redemptionId()), member);
            assertArrayEquals(new long[] { 50, 0 }, ledger.residentBalance(community, member));
        }
        // a request that names no category (an older producer) still needs one in this copy
        HoldRequested unnamed = hold(noHousehold, 3, 5, null, null, A_MINUTE_AGO);
        handle(unnamed);
        assertEquals("REJECTED SUBSIDY_NOT_CONFIRMED", holdOf(unnamed.redemptionId()));
        assertEquals(poolBefore, poolAvailable());

        HoldRequested confirmed = hold(dibao, 3, 5, null, "DIBAO", A_MINUTE_AGO);
        handle(confirmed);
        assertEquals("PLACED", holdOf(confirmed.redemptionId()));
        assertEquals(poolBefore - 5, poolAvailable()); // the pool's share reserved
    }

    @Test
    void aFullySubsidisedCaptureThisCopyDoesNotConfirmTakesNothingFromThePool() {
        ledger.fundPool(community, 100);
        long poolBefore = poolAvailable();
        String member = residentWith(5);
        HoldCaptureRequested free = LedgerChecks.withReceipt(new HoldCaptureRequested(UUID.randomUUID(), member, PARTNER,
                "partner-counter", Instant.now(), 0, 15, "爱心午餐", null, "DIBAO", A_MINUTE_AGO));
        handle(free);
        assertEquals("REJECTED SUBSIDY_NOT_CONFIRMED", holdOf(free.redemptionId()));
        PointsCaptureRejected rejected = EventCodec.payload(answer(free.redemptionId(), "PointsCaptureRejected"),
                PointsCaptureRejected.class);
        assertEquals(RegistryConfirmationService.SUBSIDY_NOT_CONFIRMED, rejected.code());

        String dibao = residentOfHousehold(5, "DIBAO", null);
        HoldCaptureRequested byProxy = LedgerChecks.withReceipt(new HoldCaptureRequested(UUID.randomUUID(), dibao,
                PARTNER, "partner-counter", Instant.now(), 0, 15, "爱心午餐", "proxy-" + UUID.randomUUID(), "DIBAO",
                A_MINUTE_AGO));
        handle(byProxy);
        assertEquals("REJECTED PROXY_NOT_CONFIRMED", holdOf(byProxy.redemptionId()));
        assertEquals(poolBefore, poolAvailable());

        HoldCaptureRequested own = LedgerChecks.withReceipt(new HoldCaptureRequested(UUID.randomUUID(), dibao, PARTNER,
                "partner-counter", Instant.now(), 0, 15, "爱心午餐", null, "DIBAO", A_MINUTE_AGO));
        handle(own);
        assertEquals("CAPTURED", holdOf(own.redemptionId()));
        assertEquals(poolBefore - 15, poolAvailable());
    }
}
