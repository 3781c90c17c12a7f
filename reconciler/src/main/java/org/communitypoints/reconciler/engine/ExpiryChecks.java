package org.communitypoints.reconciler.engine;

import static org.communitypoints.reconciler.engine.Discrepancy.ids;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.communitypoints.reconciler.model.AccountType;
import org.communitypoints.reconciler.model.LedgerPosting;
import org.communitypoints.reconciler.model.Movement;

/**
 * Points expiry against the journal. Each resident's lots are their credits, oldest first; debits consume them first
 * in, first out, and holds reserve the oldest of what is left. At an EXPIRY, the points it may take are what is left
 * of credits earned before its cutoff (named in its cause id) less what is held, recomputed here from the postings
 * read before it. Only the unconsumed lots are kept between runs: a lot wholly consumed is dropped with the debits
 * that consumed it.
 */
final class ExpiryChecks {

    private final Map<String, EngineState.Lots> lots;
    private final Map<String, EngineState.Finding> findings;

    ExpiryChecks(EngineState state) {
        this.lots = state.lots();
        this.findings = state.expiryFindings();
    }

    void posting(LedgerPosting p) {
        if (p.accountType() != AccountType.RESIDENT) {
            return;
        }
        EngineState.Lots account = lots.computeIfAbsent(p.accountId(), a -> new EngineState.Lots());
        if (p.pending()) {
            account.held -= p.amount();
            return;
        }
        if (p.amount() > 0) {
            account.add(millis(p.postedAt()), p.amount());
            return;
        }
        if (p.movement() == Movement.EXPIRY) {
            check(p, account);
        }
        account.consume(-p.amount());
    }

    private void check(LedgerPosting p, EngineState.Lots account) {
        long expired = -p.amount();
        Instant cutoff = cutoff(p.causeId());
        if (cutoff == null) {
            findings.put(p.transactionId(), EngineState.Finding.of(p, DiscrepancyType.EXPIRY_EXCEEDS_UNCONSUMED,
                    "a cause id <run day>/<cutoff>/<member> naming the cutoff", "cause id " + p.causeId()));
            return;
        }
        long oldAndUnconsumed = account.unconsumedBefore(cutoff.toEpochMilli());
        long allowed = Math.max(0, oldAndUnconsumed - Math.max(0, account.held));
        if (expired > oldAndUnconsumed) {
            findings.put(p.transactionId(), EngineState.Finding.of(p, DiscrepancyType.EXPIRY_EXCEEDS_UNCONSUMED,
                    "at most " + oldAndUnconsumed + " points (unconsumed, earned before " + cutoff + ")",
                    expired + " points expired"));
        } else if (expired > allowed) {
            findings.put(p.transactionId(), EngineState.Finding.of(p, DiscrepancyType.EXPIRY_TOOK_HELD_POINTS,
                    "at most " + allowed + " points (" + oldAndUnconsumed + " old and unconsumed, " + account.held
                            + " held)",
                    expired + " points expired"));
        }
    }

    void finish(List<Discrepancy> found) {
        findings.forEach((transactionId, f) -> found.add(new Discrepancy(f.type,
                ids("transactionId", transactionId, "accountId", f.accountId, "ownerId", f.ownerId, "communityId",
                        f.communityId),
                f.expected, f.actual,
                "Reverse the points expired beyond the rule to the resident (a correction in the open month) and find"
                        + " why the expiry run took them.")));
    }

    /** The cutoff of an expiry's cause id {@code <run day>/<cutoff instant>/<member id>}; null when it has none. */
    static Instant cutoff(String causeId) {
        if (causeId == null) {
            return null;
        }
        String[] parts = causeId.split("/", 3);
        if (parts.length < 3) {
            return null;
        }
        try {
            return Instant.parse(parts[1]);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static long millis(Instant at) {
        return at == null ? 0 : at.toEpochMilli();
    }
}
