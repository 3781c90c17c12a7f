package org.communitypoints.points.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.communitypoints.points.domain.TransactionKind;
import org.communitypoints.points.repository.JournalRepository.NewestPostings;
import org.communitypoints.points.repository.JournalRepository.StatementLine;
import org.junit.jupiter.api.Test;

/**
 * Which lines of a window of newest postings are known whole. Sequences are taken when rows are inserted, so two
 * households members' transactions committing side by side can interleave them: a line of one account may go on below
 * the window while a line of another account sits between its postings.
 */
class NewestPostingsTest {

    private static final long FATHER = 1;
    private static final long DAUGHTER = 2;

    @Test
    void aWindowThatHoldsEverythingGivesEveryLine() {
        List<StatementLine> lines = List.of(line(FATHER, 110, 110), line(DAUGHTER, 109, 109), line(FATHER, 107, 108));
        assertEquals(lines, new NewestPostings(lines, false).completeLines());
    }

    @Test
    void aFullWindowLeavesOutTheOldestLineOfEachAccountAndEveryLineNotNewerThanThem() {
        StatementLine newest = line(FATHER, 110, 110);
        StatementLine second = line(DAUGHTER, 109, 109);
        StatementLine third = line(FATHER, 105, 108); // whole: 105 to 108 are in the window
        // The father's capture: its voided hold leg at 100 lies below the window (101 up), its posted leg at 102 in it.
        StatementLine cutShort = line(FATHER, 102, 102);
        // The daughter's line at 101 comes before the capture, whose first posting (100) is its place in the order.
        StatementLine between = line(DAUGHTER, 101, 101);

        List<StatementLine> complete = new NewestPostings(List.of(newest, second, third, cutShort, between), true)
                .completeLines();

        assertEquals(List.of(newest, second, third), complete);
    }

    @Test
    void anAccountWhoseOnlyLineIsTheNewestLeavesNothingKnownWhole() {
        // The window holds the grandmother's newest line and nothing older of hers: it may go on below the window.
        StatementLine grandmother = line(3, 120, 120);
        List<StatementLine> lines = List.of(grandmother, line(DAUGHTER, 119, 119), line(DAUGHTER, 118, 118));
        assertEquals(List.of(), new NewestPostings(lines, true).completeLines());
    }

    private static StatementLine line(long account, long first, long last) {
        return new StatementLine(account, first, last, UUID.randomUUID(), TransactionKind.SHIFT_CREDIT, "line " + first,
                1, 0, Instant.EPOCH, null);
    }
}
