package org.communitypoints.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.communitypoints.reconciler.model.AccountType;
import org.communitypoints.reconciler.model.Movement;
import org.communitypoints.reconciler.model.Redemption;
import org.communitypoints.reconciler.model.RedemptionState;
import org.communitypoints.reconciler.model.SettlementTotal;
import org.communitypoints.reconciler.run.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckEngineTest {

    private static final Instant NOW = Instant.parse("2026-11-25T02:00:00Z");
    private static final Instant EXPIRED = Instant.parse("2026-11-20T00:00:00Z");
    private static final Instant FUTURE = Instant.parse("2026-12-01T00:00:00Z");

    private final Books books = cleanBooks();

    /** A month of ordinary business, every fact matched, in both the simple and the subsidised case. */
    private static Books cleanBooks() {
        Books b = new Books();
        String shift = b.creditedShift("li-mei", 20);
        b.creditedShift("zhang-wei", 15);
        b.creditedShift("wang-fang", 100);
        b.creditedShift("li-mei", 30);
        b.correction(shift, "li-mei", 20, 10, true);
        b.correction(shift, "li-mei", 10, 10, false);
        String meal = b.redemption("li-mei", "wutong-canteen", 8, 2, RedemptionState.FULFILLED, EXPIRED);
        b.hold(meal);
        b.capture(meal);
        String cancelled = b.redemption("li-mei", "night-school", 5, 0, RedemptionState.CANCELLED, FUTURE);
        b.hold(cancelled);
        b.release(cancelled);
        String open = b.redemption("zhang-wei", "wutong-canteen", 6, 0, RedemptionState.HELD, FUTURE);
        b.hold(open);
        b.redemption("zhang-wei", "night-school", 500, 0, RedemptionState.REJECTED, FUTURE);
        return b;
    }

    private static CheckEngine engine() {
        return new CheckEngine(Duration.ofMinutes(10), Duration.ofDays(9), Books.BOUNDS);
    }

    private List<Discrepancy> check() {
        return books.check(engine(), NOW);
    }

    private static Discrepancy only(List<Discrepancy> found, DiscrepancyType type) {
        assertEquals(1, found.size(), () -> "expected exactly one discrepancy, got " + found);
        assertEquals(type, found.get(0).type());
        return found.get(0);
    }

    @Test
    void cleanBooksHaveNoDiscrepancy() {
        assertEquals(List.of(), check());
    }

    @Test
    void missingCreditIsReportedOnceWithShiftAndMember() {
        String shift = books.verifiedShift("wang-fang", 25);

        Discrepancy d = only(check(), DiscrepancyType.MISSING_CREDIT);

        assertEquals(shift, d.ids().get("shiftId"));
        assertEquals("wang-fang", d.ids().get("memberId"));
        assertEquals("25 points", d.expected());
    }

    @Test
    void doubleCreditIsReportedOnceWithBothTransactions() {
        String shift = books.verifiedShift("wang-fang", 25);
        String first = books.credit(shift, "wang-fang", 25);
        String second = books.credit(shift, "wang-fang", 25);

        Discrepancy d = only(check(), DiscrepancyType.DUPLICATE_CREDIT);

        assertEquals(shift, d.ids().get("shiftId"));
        assertEquals(first + ";" + second, d.ids().get("transactionIds"));
        assertTrue(d.actual().startsWith("2 transactions, 50 points"), d.actual());
    }

    @Test
    void doubleCreditIsCleanOnceStaffReversedAllButTheFirst() {
        String shift = books.verifiedShift("wang-fang", 25);
        books.credit(shift, "wang-fang", 25);
        String second = books.credit(shift, "wang-fang", 25);
        String third = books.credit(shift, "wang-fang", 25);
        assertEquals(DiscrepancyType.DUPLICATE_CREDIT, only(check(), DiscrepancyType.DUPLICATE_CREDIT).type());

        books.reverse(second);
        books.reverse(third);

        assertEquals(List.of(), books.check(engine(), NOW));
    }

    @Test
    void duplicateCreditAdviceNamesTheReversalStaffCanMake() {
        String shift = books.verifiedShift("wang-fang", 25);
        books.credit(shift, "wang-fang", 25);
        books.credit(shift, "wang-fang", 25);

        Discrepancy d = only(check(), DiscrepancyType.DUPLICATE_CREDIT);

        assertTrue(d.fix().contains("/api/points/transactions/{transactionId}/reversal"), d.fix());
    }

    @Test
    void reversingTheOnlyCreditLeavesTheShiftUncreditedAndSaysWhich() {
        String shift = books.verifiedShift("wang-fang", 25);
        String credit = books.credit(shift, "wang-fang", 25);
        books.reverse(credit);

        Discrepancy d = only(check(), DiscrepancyType.MISSING_CREDIT);

        assertEquals(shift, d.ids().get("shiftId"));
        assertEquals(credit, d.ids().get("reversedTransactionIds"));
    }

    @Test
    void doubleCorrectionIsCleanOnceTheSecondIsReversed() {
        String shift = books.creditedShift("wang-fang", 25);
        String correction = books.correction(shift, "wang-fang", 25, 20, true);
        String again = Books.id();
        books.post(again, Movement.SHIFT_CORRECTION, correction, Books.resident("wang-fang"), "wang-fang",
                AccountType.RESIDENT, -5, false);
        books.post(again, Movement.SHIFT_CORRECTION, correction, "issuance", "", AccountType.OTHER, 5, false);
        assertEquals(DiscrepancyType.DUPLICATE_CORRECTION, only(check(), DiscrepancyType.DUPLICATE_CORRECTION).type());

        books.reverse(again);

        assertEquals(List.of(), books.check(engine(), NOW));
    }

    @Test
    void reversedCreditWithoutShiftIsNoLongerReported() {
        String tx = books.credit(Books.id(), "wang-fang", 25);
        books.reverse(tx);

        assertEquals(List.of(), check());
    }

    @Test
    void creditOfOtherPointsThanTheRuleGaveIsReported() {
        String shift = books.verifiedShift("wang-fang", 25);
        String tx = books.credit(shift, "wang-fang", 250);

        Discrepancy d = only(check(), DiscrepancyType.CREDIT_AMOUNT_MISMATCH);

        assertEquals(tx, d.ids().get("transactionIds"));
        assertEquals("250 points", d.actual());
    }

    @Test
    void creditWithoutVerifiedShiftIsReported() {
        String tx = books.credit(Books.id(), "wang-fang", 25);

        assertEquals(tx, only(check(), DiscrepancyType.CREDIT_WITHOUT_SHIFT).ids().get("transactionIds"));
    }

    @Test
    void creditThatOvertookItsShiftInTheExportsIsInFlightNotOrphaned() {
        books.postedAt = NOW.minusSeconds(5);
        books.credit(Books.id(), "wang-fang", 25);

        assertEquals(List.of(), check());
    }

    @Test
    void shiftVerifiedMomentsAgoIsInFlightNotMissing() {
        books.shifts.add(new org.communitypoints.reconciler.model.VerifiedShift(Books.id(), "wang-fang", Books.COMMUNITY, 25,
                NOW.minusSeconds(60)));

        assertEquals(List.of(), check());
    }

    @Test
    void correctionNeverPostedIsReported() {
        String shift = books.creditedShift("wang-fang", 25);
        String correction = books.correction(shift, "wang-fang", 25, 0, false);

        Discrepancy d = only(check(), DiscrepancyType.MISSING_CORRECTION);

        assertEquals(correction, d.ids().get("correctionId"));
        assertEquals(shift, d.ids().get("shiftId"));
    }

    @Test
    void aRedemptionTheLedgerRefusedForAClaimItsRegistryCopyDoesNotHoldIsReported() {
        String forged = books.redemption("li-mei", "wutong-canteen", 15, 0, RedemptionState.REJECTED, FUTURE,
                "PROXY_NOT_CONFIRMED");
        // an honest refusal is no finding: only() sees the one above alone
        books.redemption("li-mei", "wutong-canteen", 15, 0, RedemptionState.REJECTED, FUTURE, "INSUFFICIENT_POINTS");

        Discrepancy d = only(check(), DiscrepancyType.REGISTRY_CLAIM_NOT_CONFIRMED);

        assertEquals(forged, d.ids().get("redemptionId"));
        assertEquals("li-mei", d.ids().get("memberId"));
        assertTrue(d.actual().contains("PROXY_NOT_CONFIRMED"), d.actual());
    }

    @Test
    void aRedemptionTheLedgerRefusedForWantOfTheGatewaysReceiptIsReported() {
        String unreceipted = books.redemption("li-mei", "wutong-canteen", 15, 0, RedemptionState.REJECTED, FUTURE,
                "REQUEST_NOT_CONFIRMED");
        books.redemption("li-mei", "wutong-canteen", 15, 0, RedemptionState.REJECTED, FUTURE, "INSUFFICIENT_POINTS");

        Discrepancy d = only(check(), DiscrepancyType.REQUEST_NOT_CONFIRMED);

        assertEquals(unreceipted, d.ids().get("redemptionId"));
        assertTrue(d.actual().contains("REQUEST_NOT_CONFIRMED"), d.actual());
    }

    @Test
    void aRequestPointsRefusedForARedemptionTheCatalogNeverHadIsReportedOnceTheGraceIsOver() {
        Instant refusedAt = NOW.minusSeconds(60);
        String forged = books.refusedRequest("li-mei", "wutong-canteen", 20, 0, "REQUEST_NOT_CONFIRMED", refusedAt);

        // the catalog's export may lag behind points-service's: a refusal moments old is not yet a finding
        assertEquals(List.of(), books.check(engine(), NOW));
        Discrepancy d = only(books.check(engine(), refusedAt.plus(Duration.ofMinutes(11))),
                DiscrepancyType.REQUEST_WITHOUT_REDEMPTION);

        assertEquals(Map.of("redemptionId", forged, "memberId", "li-mei", "partnerId", "wutong-canteen", "communityId",
                Books.COMMUNITY), d.ids());
        assertTrue(d.actual().contains("REQUEST_NOT_CONFIRMED") && d.actual().contains(refusedAt.toString()),
                d.actual());
        assertTrue(d.fix().contains("catalog.outbox_event") && d.fix().contains("catalog.redemptions"), d.fix());
    }

    @Test
    void aRefusedRequestWithNoLedgerEntriesIsNotAlsoALedgerEntryWithoutRedemption() {
        String forgedGrant = books.refusedRequest("li-mei", "wutong-canteen", 20, 5, "PROXY_NOT_CONFIRMED",
                Books.LONG_AGO);
        String forgedCategory = books.refusedRequest("wang-fang", "wutong-canteen", 0, 20, "SUBSIDY_NOT_CONFIRMED",
                Books.LONG_AGO);

        List<Discrepancy> found = check();

        assertEquals(List.of(DiscrepancyType.REQUEST_WITHOUT_REDEMPTION, DiscrepancyType.REQUEST_WITHOUT_REDEMPTION),
                found.stream().map(Discrepancy::type).toList(), found::toString);
        assertEquals(java.util.Set.of(forgedGrant, forgedCategory),
                java.util.Set.of(found.get(0).ids().get("redemptionId"), found.get(1).ids().get("redemptionId")));
    }

    @Test
    void aHoldForARedemptionTheCatalogDoesNotKnowIsStillALedgerEntryWithoutRedemption() {
        String unknown = books.redemption("wang-fang", "wutong-canteen", 8, 0, RedemptionState.HELD, FUTURE);
        String hold = books.hold(unknown);
        books.redemptions.remove(unknown);

        Discrepancy d = only(check(), DiscrepancyType.LEDGER_ENTRY_WITHOUT_REDEMPTION);

        assertEquals(unknown, d.ids().get("redemptionId"));
        assertEquals(hold, d.ids().get("transactionIds"));
    }

    @Test
    void aRefusalWhoseRedemptionTheCatalogListsIsReportedOnlyAsTheCatalogsRefusal() {
        String unreceipted = books.redemption("li-mei", "wutong-canteen", 15, 0, RedemptionState.REJECTED, FUTURE,
                "REQUEST_NOT_CONFIRMED");
        books.refusedRequest(unreceipted, "REQUEST_NOT_CONFIRMED", Books.LONG_AGO);
        String forgedGrant = books.redemption("li-mei", "wutong-canteen", 15, 0, RedemptionState.REJECTED, FUTURE,
                "PROXY_NOT_CONFIRMED");
        books.refusedRequest(forgedGrant, "PROXY_NOT_CONFIRMED", Books.LONG_AGO);

        List<Discrepancy> found = check();

        assertEquals(List.of(DiscrepancyType.REGISTRY_CLAIM_NOT_CONFIRMED + " " + forgedGrant,
                DiscrepancyType.REQUEST_NOT_CONFIRMED + " " + unreceipted),
                found.stream().map(d -> d.type() + " " + d.ids().get("redemptionId")).toList());
    }

    @Test
    void fulfilledButUncapturedVoucherIsReportedOnce() {
        String meal = books.redemption("wang-fang", "wutong-canteen", 8, 0, RedemptionState.FULFILLED, FUTURE);
        books.hold(meal);

        Discrepancy d = only(check(), DiscrepancyType.UNCAPTURED_FULFILMENT);

        assertEquals(meal, d.ids().get("redemptionId"));
        assertEquals("wutong-canteen", d.ids().get("partnerId"));
        assertEquals("wang-fang", d.ids().get("memberId"));
    }

    @Test
    void voucherCapturedTwiceIsReportedOnceAndTheSettlementDiffers() {
        String meal = books.redemption("wang-fang", "wutong-canteen", 8, 0, RedemptionState.FULFILLED, FUTURE);
        books.hold(meal);
        String first = books.capture(meal);
        String second = books.capture(meal);
        books.settlements.merge("wutong-canteen", -8L, Long::sum);

        List<Discrepancy> found = check();

        assertEquals(2, found.size(), found::toString);
        assertEquals(DiscrepancyType.DUPLICATE_CAPTURE, found.get(0).type());
        assertEquals(first + ";" + second, found.get(0).ids().get("transactionIds"));
        assertEquals(DiscrepancyType.SETTLEMENT_MISMATCH, found.get(1).type());
        assertEquals("wutong-canteen", found.get(1).ids().get("partnerId"));
    }

    @Test
    void captureWithoutFulfilmentIsReported() {
        String seat = books.redemption("wang-fang", "night-school", 5, 0, RedemptionState.CANCELLED, FUTURE);
        books.hold(seat);
        String capture = books.capture(seat);
        books.settlements.merge("night-school", -5L, Long::sum);

        List<Discrepancy> found = check();

        assertEquals(2, found.size(), found::toString);
        assertEquals(DiscrepancyType.CAPTURE_WITHOUT_FULFILMENT, found.get(0).type());
        assertEquals(capture, found.get(0).ids().get("transactionIds"));
        assertEquals(DiscrepancyType.SETTLEMENT_MISMATCH, found.get(1).type());
    }

    @Test
    void cancelledRedemptionWhoseHoldWasNotReleasedIsReported() {
        String seat = books.redemption("wang-fang", "night-school", 5, 0, RedemptionState.EXPIRED, EXPIRED);
        String hold = books.hold(seat);

        Discrepancy d = only(check(), DiscrepancyType.UNRELEASED_HOLD);

        assertEquals(seat, d.ids().get("redemptionId"));
        assertEquals(hold, d.ids().get("transactionIds"));
    }

    @Test
    void holdAlivePastItsTimeoutIsReportedOnceAsStale() {
        String meal = books.redemption("wang-fang", "wutong-canteen", 8, 0, RedemptionState.HELD, EXPIRED);
        String hold = books.hold(meal);

        Discrepancy d = only(check(), DiscrepancyType.STALE_HOLD);

        assertEquals(meal, d.ids().get("redemptionId"));
        assertEquals(hold, d.ids().get("transactionIds"));
    }

    @Test
    void holdWithoutKnownExpiryIsStaleAfterTheConfiguredTimeout() {
        String meal = books.redemption("wang-fang", "wutong-canteen", 8, 0, RedemptionState.HELD, null);
        books.hold(meal);

        assertEquals(List.of(), books.check(engine(), Books.LONG_AGO.plus(Duration.ofDays(8))));
        assertEquals(DiscrepancyType.STALE_HOLD, only(books.check(engine(), Books.LONG_AGO.plus(Duration.ofDays(10))),
                DiscrepancyType.STALE_HOLD).type());
    }

    @Test
    void unbalancedTransactionIsReportedWithItsId() {
        String tx = Books.id();
        books.post(tx, Movement.OTHER, null, Books.resident("li-mei"), "li-mei", AccountType.RESIDENT, 7, false);

        Discrepancy d = only(check(), DiscrepancyType.UNBALANCED_TRANSACTION);

        assertEquals(tx, d.ids().get("transactionId"));
        assertEquals("7", d.actual());
    }

    @Test
    void balanceThatDiffersFromItsPostingsIsReported() {
        books.balanceOffsets.put(Books.resident("li-mei"), 100L);

        Discrepancy d = only(check(), DiscrepancyType.BALANCE_MISMATCH);

        assertEquals(Books.resident("li-mei"), d.ids().get("accountId"));
        assertEquals("posted 132, pending 0 (reported balance)", d.actual());
    }

    @Test
    void storedBalanceRowThatDriftedFromTheJournalIsReported() {
        books.storedRowOffsets.put(Books.resident("li-mei"), -5L);

        Discrepancy d = only(check(), DiscrepancyType.BALANCE_MISMATCH);

        assertEquals(Books.resident("li-mei"), d.ids().get("accountId"));
        assertEquals("posted 27, pending 0 (stored balance row)", d.actual());
    }

    @Test
    void negativeResidentBalanceIsReportedOnce() {
        String tx = Books.id();
        books.post(tx, Movement.OTHER, null, Books.resident("wang-fang"), "wang-fang", AccountType.RESIDENT, -140, false);
        books.post(tx, Movement.OTHER, null, "issuance", "", AccountType.OTHER, 140, false);

        Discrepancy d = only(check(), DiscrepancyType.NEGATIVE_BALANCE);

        assertEquals("wang-fang", d.ids().get("ownerId"));
        assertTrue(d.actual().contains("available -40"), d.actual());
    }

    @Test
    void settlementThatDiffersFromTheLedgerIsReported() {
        books.settlements.merge("wutong-canteen", 3L, Long::sum);

        Discrepancy d = only(check(), DiscrepancyType.SETTLEMENT_MISMATCH);

        assertEquals("wutong-canteen", d.ids().get("partnerId"));
        assertEquals("10 (captured in the ledger)", d.expected());
    }

    @Test
    void everyPlantedDiscrepancyIsReportedExactlyOnceAmongCleanData() {
        String missing = books.verifiedShift("wang-fang", 25);
        String doubled = books.verifiedShift("wang-fang", 10);
        books.credit(doubled, "wang-fang", 10);
        books.credit(doubled, "wang-fang", 10);
        String uncaptured = books.redemption("wang-fang", "wutong-canteen", 8, 0, RedemptionState.FULFILLED, FUTURE);
        books.hold(uncaptured);
        String stale = books.redemption("zhang-wei", "night-school", 5, 0, RedemptionState.HELD, EXPIRED);
        books.hold(stale);

        List<Discrepancy> found = check();

        assertEquals(Map.of(
                DiscrepancyType.MISSING_CREDIT, missing,
                DiscrepancyType.DUPLICATE_CREDIT, doubled,
                DiscrepancyType.UNCAPTURED_FULFILMENT, uncaptured,
                DiscrepancyType.STALE_HOLD, stale),
                Map.of(found.get(0).type(), firstId(found.get(0)), found.get(1).type(), firstId(found.get(1)),
                        found.get(2).type(), firstId(found.get(2)), found.get(3).type(), firstId(found.get(3))));
        assertEquals(4, found.size(), found::toString);
    }

    @TempDir
    Path work;

    @Test
    void incrementalRunFromSavedStateReachesTheSameVerdictAsAFullRun() throws IOException {
        String missing = books.verifiedShift("wang-fang", 25);
        String doubled = books.verifiedShift("wang-fang", 10);
        books.credit(doubled, "wang-fang", 10);
        books.credit(doubled, "wang-fang", 10);
        List<Discrepancy> full = check();

        CheckEngine first = engine();
        int half = books.postings.size() / 2;
        books.postings.subList(0, half).forEach(first::posting);
        books.shifts.subList(0, 2).forEach(first::shift);
        CheckEngine resumed = saveAndResume(first);
        books.postings.subList(half, books.postings.size()).forEach(resumed::posting);
        books.shifts.subList(2, books.shifts.size()).forEach(resumed::shift);

        assertEquals(full, finishLikeTheRunner(resumed));
        assertEquals(List.of(DiscrepancyType.MISSING_CREDIT, DiscrepancyType.DUPLICATE_CREDIT),
                full.stream().map(Discrepancy::type).toList());
        assertEquals(missing, full.get(0).ids().get("shiftId"));
    }

    @Test
    void aReversalInALaterRunUndoesACreditReadInAnEarlierOne() throws IOException {
        String shift = books.verifiedShift("wang-fang", 25);
        books.credit(shift, "wang-fang", 25);
        String second = books.credit(shift, "wang-fang", 25);
        CheckEngine first = engine();
        books.postings.forEach(first::posting);
        int read = books.postings.size();

        books.reverse(second);
        CheckEngine resumed = saveAndResume(first);
        books.postings.subList(read, books.postings.size()).forEach(resumed::posting);
        books.shifts.forEach(resumed::shift);

        assertEquals(List.of(), finishLikeTheRunner(resumed));
    }

    @Test
    void aRefusalReadWithinTheGraceIsReportedByTheNextRunFromTheSavedState() throws IOException {
        String forged = books.refusedRequest("li-mei", "wutong-canteen", 20, 0, "REQUEST_NOT_CONFIRMED",
                NOW.minusSeconds(60));
        Instant nextRun = NOW.plus(Duration.ofHours(1));
        List<Discrepancy> full = books.check(engine(), nextRun);

        CheckEngine first = engine();
        assertEquals(List.of(), books.check(first, NOW), "the refusal is still within the grace");
        // the next run reads nothing new from points-service's export: only the saved state remembers the refusal
        books.unconfirmedRequests.clear();
        CheckEngine resumed = saveAndResume(first);

        assertEquals(full, finishLikeTheRunner(resumed, nextRun));
        assertEquals(forged, only(full, DiscrepancyType.REQUEST_WITHOUT_REDEMPTION).ids().get("redemptionId"));
    }

    @Test
    void aRefusalWhoseRedemptionTheCatalogListsOnlyInALaterRunIsTheCatalogsRefusalThen() throws IOException {
        Instant refusedAt = NOW.minusSeconds(60);
        String lagging = books.redemption("li-mei", "wutong-canteen", 15, 0, RedemptionState.REJECTED, FUTURE,
                "REQUEST_NOT_CONFIRMED");
        books.refusedRequest(lagging, "REQUEST_NOT_CONFIRMED", refusedAt);
        Redemption listedLater = books.redemptions.remove(lagging);
        CheckEngine first = engine();
        assertEquals(List.of(), books.check(first, NOW), "the catalog's export has not listed it yet");

        books.unconfirmedRequests.clear();
        books.redemptions.put(lagging, listedLater);
        CheckEngine resumed = saveAndResume(first);

        Discrepancy d = only(finishLikeTheRunner(resumed, NOW.plus(Duration.ofHours(1))),
                DiscrepancyType.REQUEST_NOT_CONFIRMED);
        assertEquals(lagging, d.ids().get("redemptionId"));
    }

    private CheckEngine saveAndResume(CheckEngine engine) throws IOException {
        Path file = work.resolve("state.json");
        RunState.save(file, RunState.Cursors.START, engine.state());
        return new CheckEngine(Duration.ofMinutes(10), Duration.ofDays(9), Books.BOUNDS, RunState.load(file).engine());
    }

    private List<Discrepancy> finishLikeTheRunner(CheckEngine engine) {
        return finishLikeTheRunner(engine, NOW);
    }

    private List<Discrepancy> finishLikeTheRunner(CheckEngine engine, Instant now) {
        books.corrections.forEach(engine::correction);
        books.redemptions.values().forEach(engine::redemption);
        books.unconfirmedRequests.forEach(engine::unconfirmedRequest);
        books.balances().forEach(engine::balance);
        for (CheckEngine.Partner partner : engine.partners()) {
            engine.settlement(new SettlementTotal(partner.communityId(), partner.partnerId(),
                    books.settlements.getOrDefault(partner.partnerId(), 0L), 0, "test"));
        }
        return engine.finish(now);
    }

    private static String firstId(Discrepancy d) {
        return d.ids().values().iterator().next();
    }
}
