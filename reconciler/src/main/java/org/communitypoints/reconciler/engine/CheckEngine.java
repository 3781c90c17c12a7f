package org.communitypoints.reconciler.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.communitypoints.reconciler.model.AccountBalance;
import org.communitypoints.reconciler.model.AccountType;
import org.communitypoints.reconciler.model.LedgerPosting;
import org.communitypoints.reconciler.model.PartnerSettlement;
import org.communitypoints.reconciler.model.Redemption;
import org.communitypoints.reconciler.model.RedemptionState;
import org.communitypoints.reconciler.model.ShiftCorrection;
import org.communitypoints.reconciler.model.VerifiedShift;

/**
 * The checks, fed one record at a time and never holding a whole export: it keeps per-account sums,
 * the transactions still open (not yet summing to zero), and one compact row per shift, correction and
 * redemption. That state is what an incremental run resumes from ({@link #write}/{@link #read}), so an
 * incremental run reaches exactly the verdict a full run would.
 *
 * <p>Feed order: postings, then shifts/corrections/redemptions (any order), then balances and
 * settlements (they are compared with the sums of all postings fed so far), then {@link #finish}.
 */
public final class CheckEngine {

    private static final int FORMAT = 1;
    private static final String PENDING_LEG = " (pending legs)";

    private final Duration grace;
    private final Duration holdTimeout;

    private IdIndex names = new IdIndex();
    private IdIndex accounts = new IdIndex();
    private Columns.Longs postedSums = new Columns.Longs();
    private Columns.Longs pendingSums = new Columns.Longs();
    private Map<String, Long> openTransactions = new HashMap<>();
    private Map<String, Long> capturedByPartner = new HashMap<>();
    private CauseTable shifts = new CauseTable();
    private CauseTable corrections = new CauseTable();
    private RedemptionTable redemptions = new RedemptionTable();
    private long postingsSeen;
    private String currentTransaction;
    private long currentPosted;
    private long currentPending;

    private final List<Discrepancy> pointInTime = new ArrayList<>();
    private final BitSet accountsListed = new BitSet();
    private boolean balancesRead;

    /**
     * @param grace how long a fact may wait for its counterpart (a credit for a just-verified shift, a
     *        capture for a just-fulfilled voucher) before it counts as missing
     * @param holdTimeout assumed lifetime of a hold whose redemption does not say when it expires
     */
    public CheckEngine(Duration grace, Duration holdTimeout) {
        this.grace = grace;
        this.holdTimeout = holdTimeout;
    }

    public long postingsSeen() {
        return postingsSeen;
    }

    public void posting(LedgerPosting p) {
        postingsSeen++;
        int account = accounts.intern(p.accountId());
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
        int owner = ref(p.ownerId());
        switch (p.movement()) {
            case SHIFT_CREDIT -> {
                if (p.accountType() == AccountType.RESIDENT && !p.pending()) {
                    shifts.post(p.causeId(), p.transactionId(), p.amount(), owner);
                }
            }
            case SHIFT_CORRECTION -> {
                if (p.accountType() == AccountType.RESIDENT && !p.pending()) {
                    corrections.post(p.causeId(), p.transactionId(), p.amount(), owner);
                }
            }
            case HOLD -> {
                if (p.accountType() == AccountType.RESIDENT && p.pending()) {
                    redemptions.hold(redemptions.row(p.causeId()), p.transactionId(), millis(p.postedAt()));
                }
            }
            case CAPTURE -> {
                // What the partner received: its posted legs (the pending ones only undo the hold).
                if (p.accountType() == AccountType.PARTNER && !p.pending()) {
                    redemptions.capture(redemptions.row(p.causeId()), p.transactionId(), p.amount());
                    capturedByPartner.merge(partnerKey(p.communityId(), p.ownerId()), p.amount(), Long::sum);
                }
            }
            case RELEASE -> {
                if (p.accountType() == AccountType.RESIDENT && p.pending()) {
                    redemptions.release(redemptions.row(p.causeId()), p.transactionId());
                }
            }
            case OTHER -> {
                // Counts for balances and transaction sums only.
            }
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

    public void shift(VerifiedShift s) {
        shifts.declare(s.shiftId(), s.points(), millis(s.verifiedAt()), ref(s.memberId()), ref(s.communityId()), 0);
    }

    public void correction(ShiftCorrection c) {
        corrections.declare(c.correctionId(), c.delta(), millis(c.correctedAt()), ref(c.memberId()),
                ref(c.communityId()), ref(c.shiftId()));
    }

    public void redemption(Redemption r) {
        redemptions.declare(r, ref(r.memberId()), ref(r.partnerId()), ref(r.communityId()));
    }

    /** Compared at once with the sums of every posting fed so far. */
    public void balance(AccountBalance b) {
        balancesRead = true;
        int account = accounts.find(b.accountId());
        long posted = account >= 0 ? postedSums.get(account) : 0;
        long pending = account >= 0 ? pendingSums.get(account) : 0;
        if (account >= 0) {
            accountsListed.set(account);
        }
        if (posted != b.posted() || pending != b.pending()) {
            pointInTime.add(new Discrepancy(DiscrepancyType.BALANCE_MISMATCH,
                    ids("accountId", b.accountId(), "ownerId", b.ownerId(), "communityId", b.communityId()),
                    "posted " + posted + ", pending " + pending + " (sum of postings)",
                    "posted " + b.posted() + ", pending " + b.pending() + " (reported balance)",
                    "Find the posting that was changed or lost for this account; post a correcting transaction, never edit the ledger."));
        }
        if (b.accountType() == AccountType.RESIDENT && (b.posted() < 0 || b.available() < 0)) {
            pointInTime.add(new Discrepancy(DiscrepancyType.NEGATIVE_BALANCE,
                    ids("accountId", b.accountId(), "ownerId", b.ownerId(), "communityId", b.communityId()),
                    "posted >= 0 and available >= 0",
                    "posted " + b.posted() + ", pending " + b.pending() + ", available " + b.available(),
                    "Find the debit or hold that overdrew the resident (a race in the hold check) and reverse it."));
        }
    }

    /** A partner of a community, whose settlement is compared with the ledger. */
    public record Partner(String communityId, String partnerId) {
    }

    /** The partners a settlement should be asked for: every partner the catalog or the ledger knows. */
    public Set<Partner> partners() {
        Set<Partner> partners = new TreeSet<>(Comparator.comparing(Partner::communityId).thenComparing(Partner::partnerId));
        for (String key : capturedByPartner.keySet()) {
            int slash = key.indexOf('/');
            partners.add(new Partner(key.substring(0, slash), key.substring(slash + 1)));
        }
        for (int row = 0; row < redemptions.size(); row++) {
            if (redemptions.partner(row) != 0) {
                partners.add(new Partner(name(redemptions.community(row)), name(redemptions.partner(row))));
            }
        }
        return partners;
    }

    /**
     * The partner's settlement as the catalog's redemption export implies it: the price of every voucher
     * the catalog knows as captured (the rule of catalog-service's settlement), for when the settlement
     * endpoint itself is not open to the reconciler.
     */
    public Map<Partner, PartnerSettlement> settlementsFromRedemptions() {
        Map<Partner, long[]> sums = new HashMap<>();
        for (int row = 0; row < redemptions.size(); row++) {
            if (redemptions.captureConfirmed(row)) {
                long[] sum = sums.computeIfAbsent(new Partner(name(redemptions.community(row)), name(redemptions.partner(row))),
                        p -> new long[2]);
                sum[0] += redemptions.price(row);
                sum[1]++;
            }
        }
        Map<Partner, PartnerSettlement> settlements = new HashMap<>();
        for (Partner partner : partners()) {
            long[] sum = sums.getOrDefault(partner, new long[2]);
            settlements.put(partner, new PartnerSettlement(partner.communityId(), partner.partnerId(), sum[0], sum[1],
                    "redemption export"));
        }
        return settlements;
    }

    public void settlement(PartnerSettlement s) {
        long ledger = capturedByPartner.getOrDefault(partnerKey(s.communityId(), s.partnerId()), 0L);
        if (ledger != s.points()) {
            pointInTime.add(new Discrepancy(DiscrepancyType.SETTLEMENT_MISMATCH,
                    ids("partnerId", s.partnerId(), "communityId", s.communityId()),
                    ledger + " (captured in the ledger)", s.points() + " (settlement from the " + s.source() + ", "
                            + s.vouchers() + " vouchers)",
                    "Compare the partner's vouchers with the ledger captures; the redemption discrepancies name the vouchers."));
        }
    }

    private static String partnerKey(String communityId, String partnerId) {
        return (communityId == null ? "" : communityId) + "/" + partnerId;
    }

    /** Every discrepancy, each once, in a stable order. */
    public List<Discrepancy> finish(Instant now) {
        closeCurrentTransaction();
        long settled = now.minus(grace).toEpochMilli();
        List<Discrepancy> found = new ArrayList<>(pointInTime);
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
                    found.add(new Discrepancy(DiscrepancyType.ACCOUNT_MISSING_FROM_BALANCES, ids("accountId", accounts.idAt(account)),
                            "posted " + postedSums.get(account) + ", pending " + pendingSums.get(account), "not listed",
                            "Check the balance table of the points service for this account."));
                }
            }
        }
        checkCauses(shifts, settled, found, true);
        checkCauses(corrections, settled, found, false);
        checkRedemptions(now.toEpochMilli(), settled, found);
        found.sort(Comparator.comparing((Discrepancy d) -> d.type().ordinal()).thenComparing(Discrepancy::idText));
        return found;
    }

    private void checkCauses(CauseTable table, long settled, List<Discrepancy> found, boolean isShift) {
        for (int row = 0; row < table.size(); row++) {
            int credits = table.transactions.count(row);
            String id = table.keys.idAt(row);
            Map<String, String> ids = isShift
                    ? ids("shiftId", id, "memberId", name(table.member(row)), "communityId", name(table.community(row)))
                    : ids("correctionId", id, "shiftId", name(table.related(row)), "memberId", name(table.member(row)),
                            "communityId", name(table.community(row)));
            if (!table.known(row)) {
                ids.put("transactionIds", String.join(";", table.transactions.all(row)));
                found.add(new Discrepancy(isShift ? DiscrepancyType.CREDIT_WITHOUT_SHIFT : DiscrepancyType.CORRECTION_WITHOUT_SOURCE,
                        ids, "no posting", table.posted(row) + " points in " + credits + " transaction(s)",
                        "Reverse these transactions unless the " + (isShift ? "shift" : "correction") + " exists and is missing from the export."));
                continue;
            }
            long expected = table.expected(row);
            if (credits == 0) {
                boolean nothingToPost = !isShift && expected == 0;
                if (!nothingToPost && table.declaredAt(row) <= settled) {
                    found.add(new Discrepancy(isShift ? DiscrepancyType.MISSING_CREDIT : DiscrepancyType.MISSING_CORRECTION,
                            ids, expected + " points", "nothing posted",
                            "Re-publish the " + (isShift ? "ShiftVerified" : "ShiftCorrected") + " event; the ledger posts it once."));
                }
            } else if (credits > 1) {
                ids.put("transactionIds", String.join(";", table.transactions.all(row)));
                found.add(new Discrepancy(isShift ? DiscrepancyType.DUPLICATE_CREDIT : DiscrepancyType.DUPLICATE_CORRECTION,
                        ids, "1 transaction of " + expected + " points", credits + " transactions, " + table.posted(row) + " points",
                        "Reverse every transaction but the first with a correcting entry."));
            } else if (table.posted(row) != expected) {
                ids.put("transactionIds", String.join(";", table.transactions.all(row)));
                found.add(new Discrepancy(isShift ? DiscrepancyType.CREDIT_AMOUNT_MISMATCH : DiscrepancyType.CORRECTION_AMOUNT_MISMATCH,
                        ids, expected + " points", table.posted(row) + " points",
                        "Post the difference as a correcting entry and check the points rule the ledger used."));
            }
        }
    }

    private void checkRedemptions(long now, long settled, List<Discrepancy> found) {
        RedemptionTable t = redemptions;
        for (int row = 0; row < t.size(); row++) {
            int state = t.state(row);
            int holds = t.holds.count(row);
            int captures = t.captures.count(row);
            int releases = t.releases.count(row);
            Map<String, String> ids = ids("redemptionId", t.keys.idAt(row), "memberId", name(t.member(row)),
                    "partnerId", name(t.partner(row)), "communityId", name(t.community(row)));
            if (state == RedemptionTable.UNKNOWN) {
                ids.put("transactionIds", String.join(";", all(t, row)));
                found.add(new Discrepancy(DiscrepancyType.LEDGER_ENTRY_WITHOUT_REDEMPTION, ids, "no ledger entries",
                        holds + " hold(s), " + captures + " capture(s), " + releases + " release(s)",
                        "Find the redemption in the catalog; if it never existed, reverse these transactions."));
                continue;
            }
            RedemptionState s = RedemptionState.values()[state];
            if (s == RedemptionState.FULFILLED) {
                if (captures == 0) {
                    if (t.stateSince(row) <= settled) {
                        found.add(new Discrepancy(DiscrepancyType.UNCAPTURED_FULFILMENT, ids, "1 capture of " + t.price(row) + " points",
                                "no capture (" + holds + " hold(s), " + releases + " release(s))",
                                "Re-publish HoldCaptureRequested for this redemption; the ledger captures it once."));
                    }
                } else if (captures > 1) {
                    ids.put("transactionIds", String.join(";", t.captures.all(row)));
                    found.add(new Discrepancy(DiscrepancyType.DUPLICATE_CAPTURE, ids, "1 capture of " + t.price(row) + " points",
                            captures + " captures, " + t.captured(row) + " points",
                            "Refund every capture but the first to the resident with a correcting entry."));
                } else if (t.captured(row) != t.price(row)) {
                    ids.put("transactionIds", String.join(";", t.captures.all(row)));
                    found.add(new Discrepancy(DiscrepancyType.CAPTURE_AMOUNT_MISMATCH, ids, t.price(row) + " points",
                            t.captured(row) + " points", "Post the difference between the partner and the resident or pool."));
                }
                continue;
            }
            if (captures > 0) {
                ids.put("transactionIds", String.join(";", t.captures.all(row)));
                found.add(new Discrepancy(DiscrepancyType.CAPTURE_WITHOUT_FULFILMENT, ids, "no capture (state " + s + ")",
                        captures + " capture(s), " + t.captured(row) + " points",
                        "Refund the capture to the resident, or record the fulfilment if the voucher was used."));
                continue;
            }
            boolean holdAlive = holds > releases;
            if (s.endedWithoutFulfilment()) {
                if (holdAlive && t.stateSince(row) <= settled) {
                    ids.put("transactionIds", String.join(";", t.holds.all(row)));
                    found.add(new Discrepancy(DiscrepancyType.UNRELEASED_HOLD, ids, "hold released (state " + s + ")",
                            holds + " hold(s), " + releases + " release(s)",
                            "Re-publish HoldReleaseRequested for this redemption; the ledger releases it once."));
                }
                continue;
            }
            long expiresAt = t.holdExpiresAt(row) != 0 ? t.holdExpiresAt(row)
                    : t.firstHoldAt(row) != 0 ? t.firstHoldAt(row) + holdTimeout.toMillis() : 0;
            boolean catalogThinksHeld = s == RedemptionState.HELD;
            if ((holdAlive || catalogThinksHeld) && expiresAt != 0 && expiresAt + grace.toMillis() < now) {
                if (holdAlive) {
                    ids.put("transactionIds", String.join(";", t.holds.all(row)));
                }
                found.add(new Discrepancy(DiscrepancyType.STALE_HOLD, ids, "released by " + Instant.ofEpochMilli(expiresAt),
                        "still held (state " + s + ", " + holds + " hold(s), " + releases + " release(s))",
                        "Expire the redemption in the catalog and release the hold; check the hold-expiry job of both services."));
            }
        }
    }

    private static List<String> all(RedemptionTable t, int row) {
        List<String> ids = new ArrayList<>(t.holds.all(row));
        ids.addAll(t.captures.all(row));
        ids.addAll(t.releases.all(row));
        return ids;
    }

    private int ref(String name) {
        return name == null || name.isEmpty() ? 0 : names.intern(name) + 1;
    }

    private String name(int ref) {
        return ref == 0 ? "" : names.idAt(ref - 1);
    }

    private static long millis(Instant instant) {
        return instant == null ? 0 : instant.toEpochMilli();
    }

    private static Map<String, String> ids(String... namesAndValues) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            ids.put(namesAndValues[i], namesAndValues[i + 1] == null ? "" : namesAndValues[i + 1]);
        }
        return ids;
    }

    /** Saves what an incremental run resumes from (not the point-in-time balance and settlement results). */
    public void write(DataOutput out) throws IOException {
        closeCurrentTransaction();
        out.writeInt(FORMAT);
        out.writeLong(postingsSeen);
        names.write(out);
        accounts.write(out);
        postedSums.write(out, accounts.size());
        pendingSums.write(out, accounts.size());
        writeMap(out, openTransactions);
        writeMap(out, capturedByPartner);
        shifts.write(out);
        corrections.write(out);
        redemptions.write(out);
    }

    public void read(DataInput in) throws IOException {
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("state file format " + format + " is not " + FORMAT + "; run a full reconciliation");
        }
        postingsSeen = in.readLong();
        names = IdIndex.read(in);
        accounts = IdIndex.read(in);
        postedSums = new Columns.Longs();
        postedSums.read(in, accounts.size());
        pendingSums = new Columns.Longs();
        pendingSums.read(in, accounts.size());
        openTransactions = readMap(in);
        capturedByPartner = readMap(in);
        shifts = CauseTable.read(in);
        corrections = CauseTable.read(in);
        redemptions = RedemptionTable.read(in);
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
