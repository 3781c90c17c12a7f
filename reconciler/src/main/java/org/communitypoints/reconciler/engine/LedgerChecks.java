package org.communitypoints.reconciler.engine;

import static org.communitypoints.reconciler.engine.Discrepancy.ids;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.communitypoints.reconciler.model.AccountBalance;
import org.communitypoints.reconciler.model.AccountType;
import org.communitypoints.reconciler.model.LedgerPosting;
import org.communitypoints.reconciler.model.Movement;
import org.communitypoints.reconciler.model.PartnerSettlement;

/**
 * The journal's own invariants: every transaction sums to zero, every balance equals its postings, no
 * resident below zero, and what each partner's account received in captures (for the settlement).
 */
final class LedgerChecks {

    private static final String PENDING_LEG = " (pending legs)";

    private IdIndex accounts = new IdIndex();
    private Columns.Longs postedSums = new Columns.Longs();
    private Columns.Longs pendingSums = new Columns.Longs();
    private Map<String, Long> openTransactions = new HashMap<>();
    private Map<String, Long> capturedByPartner = new HashMap<>();
    private Set<String> communities = new TreeSet<>();
    private long postingsSeen;
    private String currentTransaction;
    private long currentPosted;
    private long currentPending;

    private final BitSet accountsListed = new BitSet();
    private boolean balancesRead;

    long postingsSeen() {
        return postingsSeen;
    }

    void posting(LedgerPosting p) {
        postingsSeen++;
        int account = accounts.intern(p.accountId());
        if (p.communityId() != null) {
            communities.add(p.communityId());
        }
        (p.pending() ? pendingSums : postedSums).add(account, p.amount());
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
            capturedByPartner.merge(partnerKey(p.communityId(), p.ownerId()), p.amount(), Long::sum);
        }
    }

    /**
     * Posted and pending legs must each sum to zero. The journal export delivers a transaction's legs
     * together, so they are summed in two fields; a transaction that leaves a remainder goes to the map,
     * where a later leg of the same transaction (should the order ever interleave) still settles it.
     * Memory follows the unbalanced transactions, not the size of the journal.
     */
    private void closeCurrentTransaction() {
        if (currentTransaction != null) {
            settle(currentTransaction, currentPosted);
            settle(currentTransaction + PENDING_LEG, currentPending);
        }
        currentTransaction = null;
        currentPosted = 0;
        currentPending = 0;
    }

    private void settle(String leg, long remainder) {
        if (remainder != 0 && openTransactions.merge(leg, remainder, Long::sum) == 0) {
            openTransactions.remove(leg);
        }
    }

    /** Compared at once with the sums of every posting fed so far. */
    void balance(AccountBalance b, List<Discrepancy> found) {
        balancesRead = true;
        int account = accounts.find(b.accountId());
        long posted = account >= 0 ? postedSums.get(account) : 0;
        long pending = account >= 0 ? pendingSums.get(account) : 0;
        if (account >= 0) {
            accountsListed.set(account);
        }
        if (posted != b.posted() || pending != b.pending()) {
            found.add(new Discrepancy(DiscrepancyType.BALANCE_MISMATCH,
                    ids("accountId", b.accountId(), "ownerId", b.ownerId(), "communityId", b.communityId()),
                    "posted " + posted + ", pending " + pending + " (sum of postings)",
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

    void settlement(PartnerSettlement s, List<Discrepancy> found) {
        long ledger = capturedByPartner.getOrDefault(partnerKey(s.communityId(), s.partnerId()), 0L);
        if (ledger != s.points()) {
            found.add(new Discrepancy(DiscrepancyType.SETTLEMENT_MISMATCH,
                    ids("partnerId", s.partnerId(), "communityId", s.communityId()),
                    ledger + " (captured in the ledger)", s.points() + " (settlement from the " + s.source() + ", "
                            + s.vouchers() + " vouchers)",
                    "Compare the partner's vouchers with the ledger captures; the redemption discrepancies name the vouchers."));
        }
    }

    /** Every community the journal has postings for. */
    Set<String> communities() {
        return communities;
    }

    /** The partners whose accounts received captures. */
    void capturingPartners(Set<CheckEngine.Partner> partners) {
        for (String key : capturedByPartner.keySet()) {
            int slash = key.indexOf('/');
            partners.add(new CheckEngine.Partner(key.substring(0, slash), key.substring(slash + 1)));
        }
    }

    void finish(List<Discrepancy> found) {
        closeCurrentTransaction();
        openTransactions.forEach((leg, sum) -> {
            boolean pending = leg.endsWith(PENDING_LEG);
            String transactionId = pending ? leg.substring(0, leg.length() - PENDING_LEG.length()) : leg;
            found.add(new Discrepancy(DiscrepancyType.UNBALANCED_TRANSACTION,
                    ids("transactionId", transactionId, "legs", pending ? "pending" : "posted"), "0", Long.toString(sum),
                    "Post a correcting transaction that brings the sum to zero and find why the service wrote a one-sided entry."));
        });
        if (balancesRead) {
            for (int account = 0; account < accounts.size(); account++) {
                if (!accountsListed.get(account) && (postedSums.get(account) != 0 || pendingSums.get(account) != 0)) {
                    found.add(new Discrepancy(DiscrepancyType.ACCOUNT_MISSING_FROM_BALANCES,
                            ids("accountId", accounts.idAt(account)),
                            "posted " + postedSums.get(account) + ", pending " + pendingSums.get(account), "not listed",
                            "Check the balance table of the points service for this account."));
                }
            }
        }
    }

    private static String partnerKey(String communityId, String partnerId) {
        return (communityId == null ? "" : communityId) + "/" + partnerId;
    }

    void write(DataOutput out) throws IOException {
        closeCurrentTransaction();
        out.writeLong(postingsSeen);
        accounts.write(out);
        postedSums.write(out, accounts.size());
        pendingSums.write(out, accounts.size());
        writeMap(out, openTransactions);
        writeMap(out, capturedByPartner);
        out.writeInt(communities.size());
        for (String community : communities) {
            out.writeUTF(community);
        }
    }

    void read(DataInput in) throws IOException {
        postingsSeen = in.readLong();
        accounts = IdIndex.read(in);
        postedSums = new Columns.Longs();
        postedSums.read(in, accounts.size());
        pendingSums = new Columns.Longs();
        pendingSums.read(in, accounts.size());
        openTransactions = readMap(in);
        capturedByPartner = readMap(in);
        communities = new TreeSet<>();
        for (int n = in.readInt(); n > 0; n--) {
            communities.add(in.readUTF());
        }
    }

    private static void writeMap(DataOutput out, Map<String, Long> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, Long> e : map.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
    }

    private static Map<String, Long> readMap(DataInput in) throws IOException {
        Map<String, Long> map = new HashMap<>();
        for (int n = in.readInt(); n > 0; n--) {
            map.put(in.readUTF(), in.readLong());
        }
        return map;
    }
}
