package org.communitypoints.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.communitypoints.reconciler.run.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adjustments and pool fundings in the journal against points-service's bounds (500 points an adjustment, a second
 * staff member above 100 and for every funding, never for oneself, 2,000 points a day booked alone): what the service
 * books passes; what someone booked past it (with the ledger's database password) is reported.
 */
class AdjustmentChecksTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    /** 09:00 and 23:00 in Asia/Shanghai on 2026-11-24, and 08:00 the next morning. */
    private static final Instant MORNING = Instant.parse("2026-11-24T01:00:00Z");
    private static final Instant LATE = Instant.parse("2026-11-24T15:00:00Z");
    private static final Instant NEXT_MORNING = Instant.parse("2026-11-25T00:00:00Z");

    private final Books books = new Books();

    @TempDir
    Path work;

    private CheckEngine engine() {
        return new CheckEngine(Duration.ofMinutes(10), Duration.ofDays(9), Books.BOUNDS);
    }

    private static final Set<DiscrepancyType> ADJUSTMENT_TYPES = EnumSet.of(DiscrepancyType.ADJUSTMENT_OVER_LIMIT,
            DiscrepancyType.ADJUSTMENT_WITHOUT_SECOND_PERSON, DiscrepancyType.ADJUSTMENT_FOR_ONESELF,
            DiscrepancyType.ADJUSTED_ALONE_OVER_DAILY_LIMIT);

    /** The whole verdict must have nothing but these: the books are otherwise consistent. */
    private List<Discrepancy> adjustmentFindings(CheckEngine engine) {
        List<Discrepancy> found = books.check(engine, NOW);
        assertEquals(List.of(), found.stream().filter(d -> !ADJUSTMENT_TYPES.contains(d.type())).toList());
        return found;
    }

    @Test
    void whatTheServiceBooksIsClean() {
        books.creditedShift("wang-fang", 80);
        books.postedAt = MORNING;
        books.adjustment("li-mei", 100, "chen-jing", null); // at the threshold: booked alone
        books.adjustment("wang-fang", -80, "chen-jing", null);
        books.adjustment("li-mei", 500, "chen-jing", "lin-tao"); // the most, approved by a second person
        books.poolFunding(3000, "lin-tao", "chen-jing");
        for (int i = 0; i < 18; i++) {
            books.adjustment("zhang-wei", 100, "lin-tao", null); // lin-tao: 1,800 alone in the day
        }
        books.adjustment("zhang-wei", 20, "chen-jing", null);

        assertEquals(List.of(), books.check(engine(), NOW));
    }

    @Test
    void anAdjustmentAboveTheThresholdWithoutASecondPersonIsReported() {
        books.postedAt = MORNING;
        String alone = books.adjustment("li-mei", 300, "chen-jing", null);

        List<Discrepancy> found = adjustmentFindings(engine());

        assertEquals(1, found.size(), found::toString);
        assertEquals(DiscrepancyType.ADJUSTMENT_WITHOUT_SECOND_PERSON, found.get(0).type());
        assertEquals(alone, found.get(0).ids().get("transactionId"));
        assertEquals("li-mei", found.get(0).ids().get("ownerId"));
    }

    @Test
    void aLargeReversalNeedsASecondPersonAndNeverTheMakersOwnPoints() {
        books.postedAt = MORNING;
        books.adjustment("li-mei", 100, "chen-jing", null);
        books.adjustment("li-mei", 100, "lin-tao", null);
        String debit = books.adjustment("li-mei", -150, "chen-jing", "lin-tao");
        String credit = books.adjustment("zhang-wei", 90, "lin-tao", null);
        String staffsOwn = books.adjustment("lin-tao", 40, "chen-jing", null);
        String large = books.adjustment("wang-fang", 300, "chen-jing", "lin-tao");
        books.reverse(credit, "chen-jing", null); // within the threshold: booked alone, as the service does
        books.reverse(large, "lin-tao", "chen-jing"); // 300 taken back, approved by a second person
        assertEquals(List.of(), adjustmentFindings(engine()));

        String givenBack = books.reverse(debit, "chen-jing", null); // 150 given back on one person's word
        String ownPoints = books.reverse(staffsOwn, "lin-tao", null);

        List<Discrepancy> found = adjustmentFindings(engine());
        assertEquals(2, found.size(), found::toString);
        Discrepancy alone = found.stream().filter(d -> d.ids().get("transactionId").equals(givenBack)).findFirst()
                .orElseThrow();
        assertEquals(DiscrepancyType.ADJUSTMENT_WITHOUT_SECOND_PERSON, alone.type());
        assertEquals("li-mei", alone.ids().get("ownerId"));
        Discrepancy own = found.stream().filter(d -> d.ids().get("transactionId").equals(ownPoints)).findFirst()
                .orElseThrow();
        assertEquals(DiscrepancyType.ADJUSTMENT_FOR_ONESELF, own.type());
    }

    @Test
    void anAdjustmentOverTheMostOneMayBeIsReportedEvenWhenApproved() {
        books.creditedShift("li-mei", 1000);
        books.postedAt = MORNING;
        String large = books.adjustment("li-mei", -900, "chen-jing", "lin-tao");

        List<Discrepancy> found = adjustmentFindings(engine());

        assertEquals(List.of(DiscrepancyType.ADJUSTMENT_OVER_LIMIT), found.stream().map(Discrepancy::type).toList());
        assertEquals(large, found.get(0).ids().get("transactionId"));
    }

    @Test
    void anAdjustmentForItsMakerOrItsCheckerIsReported() {
        books.postedAt = MORNING;
        String own = books.adjustment("chen-jing", 50, "chen-jing", null);
        String approvedOwn = books.adjustment("lin-tao", 200, "chen-jing", "lin-tao");

        List<Discrepancy> found = adjustmentFindings(engine());

        assertEquals(List.of(DiscrepancyType.ADJUSTMENT_FOR_ONESELF, DiscrepancyType.ADJUSTMENT_FOR_ONESELF),
                found.stream().map(Discrepancy::type).toList());
        assertEquals(List.of(own, approvedOwn).stream().sorted().toList(),
                found.stream().map(d -> d.ids().get("transactionId")).sorted().toList());
    }

    @Test
    void aPoolFundingWithoutASecondPersonIsReported() {
        books.postedAt = MORNING;
        String funding = books.poolFunding(1000, "chen-jing", null);

        List<Discrepancy> found = adjustmentFindings(engine());

        assertEquals(List.of(DiscrepancyType.ADJUSTMENT_WITHOUT_SECOND_PERSON), found.stream().map(Discrepancy::type).toList());
        assertEquals(funding, found.get(0).ids().get("transactionId"));
    }

    @Test
    void manySmallAdjustmentsAloneInOneDayBeyondTheLimitAreReportedAcrossRunsButNotAcrossDays() throws IOException {
        // 21 adjustments of 100 points, each within the threshold: 2,100 points alone in one day
        books.postedAt = MORNING;
        for (int i = 0; i < 11; i++) {
            books.adjustment("resident-" + i, 100, "chen-jing", null);
        }
        CheckEngine first = engine();
        books.postings.forEach(first::posting);
        int read = books.postings.size();
        books.postedAt = LATE;
        for (int i = 11; i < 21; i++) {
            books.adjustment("resident-" + i, 100, "chen-jing", null);
        }
        // lin-tao's twenty adjustments of 100 fall on two days: 1,000 each, within the limit
        for (int i = 0; i < 10; i++) {
            books.adjustment("resident-" + i, 100, "lin-tao", null);
        }
        books.postedAt = NEXT_MORNING;
        for (int i = 10; i < 20; i++) {
            books.adjustment("resident-" + i, 100, "lin-tao", null);
        }

        Path file = work.resolve("state.json");
        RunState.save(file, RunState.Cursors.START, first.state());
        CheckEngine resumed = new CheckEngine(Duration.ofMinutes(10), Duration.ofDays(9), Books.BOUNDS,
                RunState.load(file).engine());
        books.postings.subList(read, books.postings.size()).forEach(resumed::posting);
        // only the postings were fed: look at the adjustment findings alone
        List<Discrepancy> found = resumed.finish(NOW).stream().filter(d -> ADJUSTMENT_TYPES.contains(d.type())).toList();

        assertEquals(1, found.size(), found::toString);
        assertEquals(DiscrepancyType.ADJUSTED_ALONE_OVER_DAILY_LIMIT, found.get(0).type());
        assertEquals("2026-11-24", found.get(0).ids().get("day"));
        assertEquals("chen-jing", found.get(0).ids().get("staffId"));
        assertEquals("2100 points", found.get(0).actual());
    }
}
