package org.communitypoints.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.communitypoints.reconciler.model.AccountType;
import org.communitypoints.reconciler.model.Movement;
import org.communitypoints.reconciler.model.RedemptionState;
import org.junit.jupiter.api.Test;

/** Expiry transactions recomputed from the lots: never more than the old unconsumed points, never held ones. */
class ExpiryChecksTest {

    private static final Instant NOW = Instant.parse("2026-11-25T02:00:00Z");
    /** 24 months before the run day 2026-11-25 in Asia/Shanghai. */
    private static final Instant CUTOFF = Instant.parse("2024-11-24T16:00:00Z");
    private static final String MEMBER = "li-mei";

    private final Books books = new Books();

    private void earn(long points, String at) {
        books.postedAt = Instant.parse(at);
        books.creditedShift(MEMBER, points);
    }

    private void spend(long points) {
        String tx = Books.id();
        books.post(tx, Movement.OTHER, tx, Books.resident(MEMBER), MEMBER, AccountType.RESIDENT, -points, false);
        books.post(tx, Movement.OTHER, tx, "issuance", "", AccountType.OTHER, points, false);
    }

    private String expire(long points) {
        String tx = Books.id();
        String cause = "2026-11-25/" + CUTOFF + "/" + MEMBER;
        books.postedAt = NOW.minus(Duration.ofHours(1));
        books.post(tx, Movement.EXPIRY, cause, Books.resident(MEMBER), MEMBER, AccountType.RESIDENT, -points, false);
        books.post(tx, Movement.EXPIRY, cause, "expiry", "", AccountType.OTHER, points, false);
        return tx;
    }

    private List<Discrepancy> check() {
        return books.check(new CheckEngine(Duration.ofMinutes(10), Duration.ofDays(31), Books.BOUNDS), NOW);
    }

    private void oldLotsPartlySpent() {
        earn(30, "2024-06-10T02:00:00Z");
        earn(20, "2024-09-10T02:00:00Z");
        earn(50, "2026-10-10T02:00:00Z");
        spend(40); // the first lot and 10 of the second
    }

    @Test
    void anExpiryOfWhatIsLeftOfTheOldLotsIsClean() {
        oldLotsPartlySpent();
        expire(10);

        assertEquals(List.of(), check());
    }

    @Test
    void anExpiryLargerThanWhatIsLeftOfTheOldLotsIsReported() {
        oldLotsPartlySpent();
        String wrong = expire(11);

        List<Discrepancy> found = check();

        assertEquals(1, found.size(), found::toString);
        assertEquals(DiscrepancyType.EXPIRY_EXCEEDS_UNCONSUMED, found.get(0).type());
        assertEquals(wrong, found.get(0).ids().get("transactionId"));
        assertEquals(MEMBER, found.get(0).ids().get("ownerId"));
    }

    @Test
    void anExpiryThatTookPointsAHoldReservedIsReported() {
        earn(30, "2024-06-10T02:00:00Z");
        earn(50, "2026-10-10T02:00:00Z");
        String lunch = books.redemption(MEMBER, "wutong-canteen", 20, 0, RedemptionState.HELD,
                Instant.parse("2026-12-01T00:00:00Z"));
        books.hold(lunch);
        String wrong = expire(30);

        List<Discrepancy> found = check();

        assertEquals(1, found.size(), found::toString);
        assertEquals(DiscrepancyType.EXPIRY_TOOK_HELD_POINTS, found.get(0).type());
        assertEquals(wrong, found.get(0).ids().get("transactionId"));
    }

    @Test
    void aWrongExpiryIsStillReportedByTheNextIncrementalRun() {
        oldLotsPartlySpent();
        expire(25);
        CheckEngine first = new CheckEngine(Duration.ofMinutes(10), Duration.ofDays(31), Books.BOUNDS);
        books.postings.forEach(first::posting);
        EngineState saved = first.state();

        CheckEngine next = new CheckEngine(Duration.ofMinutes(10), Duration.ofDays(31), Books.BOUNDS, saved);

        // only the postings were fed here, so the credits' shifts are missing too: look at the expiry findings alone
        assertEquals(List.of(DiscrepancyType.EXPIRY_EXCEEDS_UNCONSUMED), next.finish(NOW).stream()
                .map(Discrepancy::type).filter(t -> t.name().startsWith("EXPIRY")).toList());
        assertEquals(1, saved.lots().get(Books.resident(MEMBER)).lots.size(), "the wholly consumed lots are dropped");
    }
}
