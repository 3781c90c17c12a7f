package org.communitypoints.reconciler.engine;

import static org.communitypoints.reconciler.engine.Discrepancy.ids;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.communitypoints.reconciler.model.AccountBalance;
import org.communitypoints.reconciler.model.AccountType;
import org.communitypoints.reconciler.model.LedgerPosting;
import org.communitypoints.reconciler.model.Movement;
import org.communitypoints.reconciler.model.SettlementTotal;

/**
 * The journal's own invariants: every transaction sums to zero, every balance equals its postings, no
 * resident below zero, and what each partner's account received in captures (for the settlement).
 */
final class LedgerChecks {

    private static final String PENDING_LEG = " (pending legs)";

    private final EngineState state;
    private final Set<String> accountsListed = new HashSet<>();
    private boolean balancesRead;
    private String currentTransaction;
    private long currentPosted;
    private long currentPending;

    LedgerChecks(EngineState state) {
        this.state = state;
    }

    void posting(LedgerPosting p) {
        EngineState.Account account = state.accounts().computeIfAbsent(p.accountId(), a -> new EngineState.Account());
        if (p.pending()) {
            account.pending += p.amount();
        } else {
            account.posted += p.amount();
        }
        if (p.communityId() != null) {
            state.communities().add(p.communityId());
        }
        if (!p.transactionId().equals(currentTransaction)) {
            closeCurrentTransaction();
            currentTransaction = p.transactionId();
        }
        if (p.pending()) {
            currentPending += p.amount();
        } else {
            currentPosted += p.amount();
        }
        if (p.movement() == Movement.CAPTURE && p.accountType() == AccountType.PARTNER && !p.pending()) {
            state.capturedByPartner().merge(partnerKey(p.communityId(), p.ownerId()), p.amount(), Long::sum);
        }
    }

    /**
     * Posted and pending legs must each sum to zero. The journal export delivers a transaction's legs
     * together, so they are summed in two fields; a transaction that leaves a remainder is kept, where a
     * later leg of the same transaction (should the order ever interleave) still settles it.
     */
    void closeCurrentTransaction() {
        if (currentTransaction != null) {
            settle(currentTransaction, currentPosted);
            settle(currentTransaction + PENDING_LEG, currentPending);
        }
        currentTransaction = null;
        currentPosted = 0;
        currentPending = 0;
    }

    private void settle(String leg, long remainder) {
        if (remainder != 0 && state.unbalanced().merge(leg, remainder, Long::sum) == 0) {
            state.unbalanced().remove(leg);
        }
    }

    /** Compared at once with the sums of every posting fed so far. */
    void balance(AccountBalance b, List<Discrepancy> found) {
        balancesRead = true;
        accountsListed.add(b.accountId());
        EngineState.Account sums = state.accounts().getOrDefault(b.accountId(), new EngineState.Account());
        if (sums.posted != b.posted() || sums.pending != b.pending()) {
            found.add(new Discrepancy(DiscrepancyType.BALANCE_MISMATCH,
                    ids("accountId", b.accountId(), "ownerId", b.ownerId(), "communityId", b.communityId()),
                    "posted " + sums.posted + ", pending " + sums.pending + " (sum of postings)",
                    "posted " + b.posted() + ", pending " + b.pending() + " (reported balance)",
                    "Find the posting that was changed or lost for this account; post a correcting transaction, never edit the ledger."));
        }
        if (b.storedRow() != null && !b.storedRow().matchesPostings()) {
            AccountBalance.StoredRow row = b.storedRow();
            found.add(new Discrepancy(DiscrepancyType.BALANCE_MISMATCH,
                    ids("accountId", b.accountId(), "ownerId", b.ownerId(), "communityId", b.communityId()),
                    "posted " + row.totalPosted() + ", pending " + row.totalPending() + " (sum of all postings)",
                    "posted " + row.posted() + ", pending " + row.pending() + " (stored balance row)",
                    "The stored balance drifted from the journal: the hold check reads it. Recompute the row from the postings."));
        }
        if (b.accountType() == AccountType.RESIDENT && (b.posted() < 0 || b.available() < 0)) {
            found.add(new Discrepancy(DiscrepancyType.NEGATIVE_BALANCE,
                    ids("accountId", b.accountId(), "ownerId", b.ownerId(), "communityId", b.communityId()),
                    "posted >= 0 and available >= 0",
                    "posted " + b.posted() + ", pending " + b.pending() + ", available " + b.available(),
                    "Find the debit or hold that overdrew the resident (a race in the hold check) and reverse it."));
        }
    }

    void settlement(SettlementTotal s, List<Discrepancy> found) {
        long ledger = state.capturedByPartner().getOrDefault(partnerKey(s.communityId(), s.partnerId()), 0L);
        if (ledger != s.points()) {
            found.add(new Discrepancy(DiscrepancyType.SETTLEMENT_MISMATCH,
                    ids("partnerId", s.partnerId(), "communityId", s.communityId()),
                    ledger + " (captured in the ledger)", s.points() + " (settlement from the " + s.source() + ", "
                            + s.vouchers() + " vouchers)",
                    "Compare the partner's vouchers with the ledger captures; the redemption discrepancies name the vouchers."));
        }
    }

    /** The partners whose accounts received captures. */
    void capturingPartners(Set<CheckEngine.Partner> partners) {
        for (String key : state.capturedByPartner().keySet()) {
            int slash = key.indexOf('/');
            partners.add(new CheckEngine.Partner(key.substring(0, slash), key.substring(slash + 1)));
        }
    }

    void finish(List<Discrepancy> found) {
        closeCurrentTransaction();
        state.unbalanced().forEach((leg, sum) -> {
            boolean pending = leg.endsWith(PENDING_LEG);
            String transactionId = pending ? leg.substring(0, leg.length() - PENDING_LEG.length()) : leg;
            found.add(new Discrepancy(DiscrepancyType.UNBALANCED_TRANSACTION,
                    ids("transactionId", transactionId, "legs", pending ? "pending" : "posted"), "0", Long.toString(sum),
                    "Post a correcting transaction that brings the sum to zero and find why the service wrote a one-sided entry."));
        });
        if (balancesRead) {
            for (Map.Entry<String, EngineState.Account> e : state.accounts().entrySet()) {
                EngineState.Account sums = e.getValue();
                if (!accountsListed.contains(e.getKey()) && (sums.posted != 0 || sums.pending != 0)) {
                    found.add(new Discrepancy(DiscrepancyType.ACCOUNT_MISSING_FROM_BALANCES, ids("accountId", e.getKey()),
                            "posted " + sums.posted + ", pending " + sums.pending, "not listed",
                            "Check the balance table of the points service for this account."));
                }
            }
        }
    }

    private static String partnerKey(String communityId, String partnerId) {
        return (communityId == null ? "" : communityId) + "/" + partnerId;
    }
}
