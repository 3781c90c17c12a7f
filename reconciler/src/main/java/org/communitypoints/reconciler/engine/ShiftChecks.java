package org.communitypoints.reconciler.engine;

import static org.communitypoints.reconciler.engine.Discrepancy.ids;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.communitypoints.reconciler.model.AccountType;
import org.communitypoints.reconciler.model.LedgerPosting;
import org.communitypoints.reconciler.model.Movement;
import org.communitypoints.reconciler.model.ShiftCorrection;
import org.communitypoints.reconciler.model.VerifiedShift;

/**
 * Every verified shift credited exactly once with the points its rule gave, every correction posted
 * exactly once with its difference, and no credit or correction posting without its source. Credits are
 * counted on the resident's posted legs, as distinct transactions.
 */
final class ShiftChecks {

    private final Names names;
    private CauseTable shifts = new CauseTable();
    private CauseTable corrections = new CauseTable();

    ShiftChecks(Names names) {
        this.names = names;
    }

    void posting(LedgerPosting p) {
        if (p.accountType() != AccountType.RESIDENT || p.pending()) {
            return;
        }
        if (p.movement() == Movement.SHIFT_CREDIT) {
            shifts.post(p.causeId(), p.transactionId(), p.amount(), names.ref(p.ownerId()), millis(p.postedAt()));
        } else if (p.movement() == Movement.SHIFT_CORRECTION) {
            corrections.post(p.causeId(), p.transactionId(), p.amount(), names.ref(p.ownerId()), millis(p.postedAt()));
        }
    }

    void shift(VerifiedShift s) {
        shifts.declare(s.shiftId(), s.points(), millis(s.verifiedAt()), names.ref(s.memberId()), names.ref(s.communityId()), 0);
    }

    void correction(ShiftCorrection c) {
        corrections.declare(c.correctionId(), c.delta(), millis(c.correctedAt()), names.ref(c.memberId()),
                names.ref(c.communityId()), names.ref(c.shiftId()));
    }

    /** @param settled facts declared after this (epoch millis) may still be waiting for their posting */
    void finish(long settled, List<Discrepancy> found) {
        check(shifts, settled, found, true);
        check(corrections, settled, found, false);
    }

    private void check(CauseTable table, long settled, List<Discrepancy> found, boolean isShift) {
        for (int row = 0; row < table.size(); row++) {
            int credits = table.transactions.count(row);
            String id = table.keys.idAt(row);
            Map<String, String> ids = isShift
                    ? ids("shiftId", id, "memberId", names.name(table.member(row)), "communityId",
                            names.name(table.community(row)))
                    : ids("correctionId", id, "shiftId", names.name(table.related(row)), "memberId",
                            names.name(table.member(row)),
                            "communityId", names.name(table.community(row)));
            if (!table.known(row)) {
                if (table.declaredAt(row) > settled) {
                    continue;
                }
                ids.put("transactionIds", String.join(";", table.transactions.all(row)));
                found.add(new Discrepancy(
                        isShift ? DiscrepancyType.CREDIT_WITHOUT_SHIFT : DiscrepancyType.CORRECTION_WITHOUT_SOURCE,
                        ids, "no posting", table.posted(row) + " points in " + credits + " transaction(s)",
                        "Reverse these transactions unless the " + (isShift ? "shift" : "correction")
                                + " exists and is missing from the export."));
                continue;
            }
            long expected = table.expected(row);
            if (credits == 0) {
                boolean nothingToPost = !isShift && expected == 0;
                if (!nothingToPost && table.declaredAt(row) <= settled) {
                    found.add(new Discrepancy(isShift ? DiscrepancyType.MISSING_CREDIT : DiscrepancyType.MISSING_CORRECTION,
                            ids, expected + " points", "nothing posted",
                            "Re-publish the " + (isShift ? "ShiftVerified" : "ShiftCorrected")
                                    + " event; the ledger posts it once."));
                }
            } else if (credits > 1) {
                ids.put("transactionIds", String.join(";", table.transactions.all(row)));
                found.add(new Discrepancy(isShift ? DiscrepancyType.DUPLICATE_CREDIT : DiscrepancyType.DUPLICATE_CORRECTION,
                        ids, "1 transaction of " + expected + " points",
                        credits + " transactions, " + table.posted(row) + " points",
                        "Reverse every transaction but the first with a correcting entry."));
            } else if (table.posted(row) != expected) {
                ids.put("transactionIds", String.join(";", table.transactions.all(row)));
                found.add(new Discrepancy(
                        isShift ? DiscrepancyType.CREDIT_AMOUNT_MISMATCH : DiscrepancyType.CORRECTION_AMOUNT_MISMATCH,
                        ids, expected + " points", table.posted(row) + " points",
                        "Post the difference as a correcting entry and check the points rule the ledger used."));
            }
        }
    }

    private static long millis(java.time.Instant instant) {
        return instant == null ? 0 : instant.toEpochMilli();
    }

    void write(DataOutput out) throws IOException {
        shifts.write(out);
        corrections.write(out);
    }

    void read(DataInput in) throws IOException {
        shifts = CauseTable.read(in);
        corrections = CauseTable.read(in);
    }
}
