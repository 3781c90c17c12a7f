package org.communitypoints.reconciler.engine;

import static org.communitypoints.reconciler.engine.Discrepancy.ids;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.communitypoints.reconciler.model.AccountType;
import org.communitypoints.reconciler.model.LedgerPosting;
import org.communitypoints.reconciler.model.Redemption;
import org.communitypoints.reconciler.model.RedemptionState;

/**
 * Every fulfilled voucher captured exactly once for its price; every cancelled, rejected or expired
 * redemption's hold released; no capture without fulfilment; no hold alive past its timeout. Holds and
 * releases are counted on the resident's pending legs, captures on the partner's posted legs.
 */
final class RedemptionChecks {

    private final Names names;
    private final Duration grace;
    private final Duration holdTimeout;
    private RedemptionTable table = new RedemptionTable();

    RedemptionChecks(Names names, Duration grace, Duration holdTimeout) {
        this.names = names;
        this.grace = grace;
        this.holdTimeout = holdTimeout;
    }

    void posting(LedgerPosting p) {
        switch (p.movement()) {
            case HOLD -> {
                if (p.accountType() == AccountType.RESIDENT && p.pending()) {
                    table.hold(table.row(p.causeId()), p.transactionId(),
                            p.postedAt() == null ? 0 : p.postedAt().toEpochMilli());
                }
            }
            case CAPTURE -> {
                // What the partner received: its posted legs (the pending ones only undo the hold).
                if (p.accountType() == AccountType.PARTNER && !p.pending()) {
                    table.capture(table.row(p.causeId()), p.transactionId(), p.amount());
                }
            }
            case RELEASE -> {
                if (p.accountType() == AccountType.RESIDENT && p.pending()) {
                    table.release(table.row(p.causeId()), p.transactionId());
                }
            }
            default -> {
                // not a redemption's movement
            }
        }
    }

    void redemption(Redemption r) {
        table.declare(r, names.ref(r.memberId()), names.ref(r.partnerId()), names.ref(r.communityId()));
    }

    /** The partners the catalog's redemptions name. */
    void partners(Set<CheckEngine.Partner> partners) {
        for (int row = 0; row < table.size(); row++) {
            if (table.partner(row) != 0) {
                partners.add(new CheckEngine.Partner(names.name(table.community(row)), names.name(table.partner(row))));
            }
        }
    }

    /**
     * Each partner's settlement as the catalog's redemption export implies it: the price of every voucher
     * the catalog knows as captured (the rule of catalog-service's settlement).
     */
    Map<CheckEngine.Partner, long[]> capturedByCatalog() {
        Map<CheckEngine.Partner, long[]> sums = new HashMap<>();
        for (int row = 0; row < table.size(); row++) {
            if (table.captureConfirmed(row)) {
                long[] sum = sums.computeIfAbsent(
                        new CheckEngine.Partner(names.name(table.community(row)), names.name(table.partner(row))),
                        p -> new long[2]);
                sum[0] += table.price(row);
                sum[1]++;
            }
        }
        return sums;
    }

    void finish(long now, long settled, List<Discrepancy> found) {
        RedemptionTable t = table;
        for (int row = 0; row < t.size(); row++) {
            int state = t.state(row);
            int holds = t.holds.count(row);
            int captures = t.captures.count(row);
            int releases = t.releases.count(row);
            Map<String, String> ids = ids("redemptionId", t.keys.idAt(row), "memberId", names.name(t.member(row)),
                    "partnerId", names.name(t.partner(row)), "communityId", names.name(t.community(row)));
            if (state == RedemptionTable.UNKNOWN) {
                if (t.firstHoldAt(row) > settled) {
                    continue;
                }
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
                        found.add(new Discrepancy(DiscrepancyType.UNCAPTURED_FULFILMENT, ids,
                                "1 capture of " + t.price(row) + " points",
                                "no capture (" + holds + " hold(s), " + releases + " release(s))",
                                "Re-publish HoldCaptureRequested for this redemption (the ledger captures it once); if its hold was "
                                        + "released meanwhile, staff settle the voucher with an adjustment."));
                    }
                } else if (captures > 1) {
                    ids.put("transactionIds", String.join(";", t.captures.all(row)));
                    found.add(
                            new Discrepancy(DiscrepancyType.DUPLICATE_CAPTURE, ids, "1 capture of " + t.price(row) + " points",
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

    void write(DataOutput out) throws IOException {
        table.write(out);
    }

    void read(DataInput in) throws IOException {
        table = RedemptionTable.read(in);
    }
}
