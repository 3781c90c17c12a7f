package org.communitypoints.reconciler.engine;

import static org.communitypoints.reconciler.engine.Discrepancy.ids;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.communitypoints.reconciler.model.AccountType;
import org.communitypoints.reconciler.model.LedgerPosting;
import org.communitypoints.reconciler.model.ShiftCorrection;
import org.communitypoints.reconciler.model.VerifiedShift;

/**
 * Every verified shift credited exactly once with the points its rule gave, every correction posted
 * exactly once with its difference, and no credit or correction posting without its source. Credits are
 * counted on the resident's posted legs, as distinct transactions; a credit staff reversed (a REVERSAL
 * naming it) no longer counts, so reversing a duplicate clears it.
 */
final class ShiftChecks {

    private static final String REVERSAL_FIX = "Reverse every transaction but the first (staff: POST "
            + "/api/points/transactions/{transactionId}/reversal with a reason); a reversed credit no longer counts.";

    private final Map<String, EngineState.Fact> shifts;
    private final Map<String, EngineState.Fact> corrections;
    /** Which fact each standing credit or correction transaction was booked for: how a reversal finds it. */
    private final Map<String, EngineState.Fact> bookedFor = new HashMap<>();

    ShiftChecks(EngineState state) {
        this.shifts = state.shifts();
        this.corrections = state.corrections();
        for (Map<String, EngineState.Fact> facts : List.of(shifts, corrections)) {
            for (EngineState.Fact fact : facts.values()) {
                fact.transactions.forEach(tx -> bookedFor.put(tx, fact));
            }
        }
    }

    void posting(LedgerPosting p) {
        if (p.accountType() != AccountType.RESIDENT || p.pending()) {
            return;
        }
        switch (p.movement()) {
            case SHIFT_CREDIT -> book(shifts, p);
            case SHIFT_CORRECTION -> book(corrections, p);
            case REVERSAL -> reverse(p);
            default -> {
                // holds, captures, releases and adjustments are no shift's
            }
        }
    }

    /**
     * Until the source declares the fact, its first posting's time stands in for the declaration time, so a
     * credit that just overtook its shift in the exports is in flight, not orphaned.
     */
    private void book(Map<String, EngineState.Fact> facts, LedgerPosting p) {
        EngineState.Fact fact = facts.computeIfAbsent(p.causeId(), id -> new EngineState.Fact());
        if (!fact.known && fact.declaredAtMillis == 0) {
            fact.declaredAtMillis = millis(p.postedAt());
        }
        if (fact.memberId == null) {
            fact.memberId = p.ownerId();
        }
        fact.posted += p.amount();
        if (!fact.transactions.contains(p.transactionId())) {
            fact.transactions.add(p.transactionId());
            bookedFor.put(p.transactionId(), fact);
        }
    }

    /** The resident's leg of a reversal takes the reversed credit out of its fact's count and sum. */
    private void reverse(LedgerPosting p) {
        EngineState.Fact fact = p.reverses() == null ? null : bookedFor.remove(p.reverses());
        if (fact == null) {
            return; // an adjustment's reversal, or one already counted
        }
        fact.transactions.remove(p.reverses());
        fact.reversed.add(p.reverses());
        fact.posted += p.amount();
    }

    void shift(VerifiedShift s) {
        declare(shifts.computeIfAbsent(s.shiftId(), id -> new EngineState.Fact()), s.points(), s.verifiedAt(),
                s.memberId(), s.communityId(), null);
    }

    void correction(ShiftCorrection c) {
        declare(corrections.computeIfAbsent(c.correctionId(), id -> new EngineState.Fact()), c.delta(), c.correctedAt(),
                c.memberId(), c.communityId(), c.shiftId());
    }

    /** Upsert: reading the same item twice changes nothing. */
    private static void declare(EngineState.Fact fact, long expected, Instant at, String memberId, String communityId,
            String shiftId) {
        fact.known = true;
        fact.expected = expected;
        fact.declaredAtMillis = millis(at);
        fact.memberId = memberId;
        fact.communityId = communityId;
        fact.shiftId = shiftId;
    }

    /** @param settled facts declared after this (epoch millis) may still be waiting for their posting */
    void finish(long settled, List<Discrepancy> found) {
        shifts.forEach((id, fact) -> check(id, fact, settled, found, true));
        corrections.forEach((id, fact) -> check(id, fact, settled, found, false));
    }

    private static void check(String id, EngineState.Fact fact, long settled, List<Discrepancy> found, boolean isShift) {
        int credits = fact.transactions.size();
        Map<String, String> ids = isShift
                ? ids("shiftId", id, "memberId", fact.memberId, "communityId", fact.communityId)
                : ids("correctionId", id, "shiftId", fact.shiftId, "memberId", fact.memberId, "communityId",
                        fact.communityId);
        if (!fact.known) {
            if (credits == 0 || fact.declaredAtMillis > settled) {
                return; // every posting without a source was reversed, or it may be in flight
            }
            ids.put("transactionIds", String.join(";", fact.transactions));
            found.add(new Discrepancy(
                    isShift ? DiscrepancyType.CREDIT_WITHOUT_SHIFT : DiscrepancyType.CORRECTION_WITHOUT_SOURCE,
                    ids, "no posting", fact.posted + " points in " + credits + " transaction(s)",
                    "Reverse these transactions (staff: POST /api/points/transactions/{transactionId}/reversal) unless the "
                            + (isShift ? "shift" : "correction") + " exists and is missing from the export."));
            return;
        }
        if (credits == 0) {
            boolean nothingToPost = !isShift && fact.expected == 0;
            if (!nothingToPost && fact.declaredAtMillis <= settled) {
                if (!fact.reversed.isEmpty()) {
                    ids.put("reversedTransactionIds", String.join(";", fact.reversed));
                }
                found.add(new Discrepancy(isShift ? DiscrepancyType.MISSING_CREDIT : DiscrepancyType.MISSING_CORRECTION,
                        ids, fact.expected + " points", fact.reversed.isEmpty() ? "nothing posted"
                                : "every posting reversed (" + fact.reversed.size() + ")",
                        fact.reversed.isEmpty()
                                ? "Re-publish the " + (isShift ? "ShiftVerified" : "ShiftCorrected")
                                        + " event; the ledger posts it once."
                                : "Every booking of it was reversed and the ledger books a shift only once: if the "
                                        + "resident is owed the points, staff grant them by an adjustment (this entry "
                                        + "then stays as the record of why)."));
            }
        } else if (credits > 1) {
            ids.put("transactionIds", String.join(";", fact.transactions));
            found.add(new Discrepancy(isShift ? DiscrepancyType.DUPLICATE_CREDIT : DiscrepancyType.DUPLICATE_CORRECTION,
                    ids, "1 transaction of " + fact.expected + " points",
                    credits + " transactions, " + fact.posted + " points", REVERSAL_FIX));
        } else if (fact.posted != fact.expected) {
            ids.put("transactionIds", String.join(";", fact.transactions));
            found.add(new Discrepancy(
                    isShift ? DiscrepancyType.CREDIT_AMOUNT_MISMATCH : DiscrepancyType.CORRECTION_AMOUNT_MISMATCH,
                    ids, fact.expected + " points", fact.posted + " points",
                    "Check the points rule the ledger used; settle the difference with the resident by an adjustment."));
        }
    }

    private static long millis(Instant instant) {
        return instant == null ? 0 : instant.toEpochMilli();
    }
}
