package org.communitypoints.reconciler.engine;

import static org.communitypoints.reconciler.engine.Discrepancy.ids;

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
import org.communitypoints.reconciler.model.UnconfirmedRequest;

/**
 * Every fulfilled voucher captured exactly once for its price; every cancelled, rejected or expired
 * redemption's hold released; no capture without fulfilment; no hold alive past its timeout; no redemption request
 * refused for want of confirmation, whether the catalog has its redemption or not. Holds and releases are counted on
 * the resident's pending legs, captures on the partner's posted legs.
 */
final class RedemptionChecks {

    /**
     * points-service's refusals of a redemption whose proxy grant or discount category its own copy of the registry
     * does not hold (after waiting for a copy that was only behind): someone wrote the catalog's copy, or the copies
     * parted.
     */
    private static final Set<String> NOT_CONFIRMED = Set.of("PROXY_NOT_CONFIRMED", "SUBSIDY_NOT_CONFIRMED");
    /**
     * points-service's refusal of a redemption without the gateway's receipt of the resident's request: the request
     * did not come through the gateway, so it was sent past it, or written into the catalog's outbox.
     */
    private static final String REQUEST_NOT_CONFIRMED = "REQUEST_NOT_CONFIRMED";

    private final Map<String, EngineState.RedemptionRow> rows;
    private final Duration grace;
    private final Duration holdTimeout;

    RedemptionChecks(EngineState state, Duration grace, Duration holdTimeout) {
        this.rows = state.redemptions();
        this.grace = grace;
        this.holdTimeout = holdTimeout;
    }

    void posting(LedgerPosting p) {
        switch (p.movement()) {
            case HOLD -> {
                if (p.accountType() == AccountType.RESIDENT && p.pending()) {
                    EngineState.RedemptionRow row = row(p.causeId());
                    if (addOnce(row.holds, p.transactionId()) && row.firstHoldAtMillis == 0) {
                        row.firstHoldAtMillis = p.postedAt() == null ? 0 : p.postedAt().toEpochMilli();
                    }
                }
            }
            case CAPTURE -> {
                // What the partner received: its posted legs (the pending ones only undo the hold).
                if (p.accountType() == AccountType.PARTNER && !p.pending()) {
                    EngineState.RedemptionRow row = row(p.causeId());
                    addOnce(row.captures, p.transactionId());
                    row.captured += p.amount();
                }
            }
            case RELEASE -> {
                if (p.accountType() == AccountType.RESIDENT && p.pending()) {
                    addOnce(row(p.causeId()).releases, p.transactionId());
                }
            }
            default -> {
                // not a redemption's movement (points-service does not reverse redemption steps)
            }
        }
    }

    private EngineState.RedemptionRow row(String redemptionId) {
        return rows.computeIfAbsent(redemptionId, id -> new EngineState.RedemptionRow());
    }

    private static boolean addOnce(List<String> transactions, String transactionId) {
        if (transactions.contains(transactionId)) {
            return false;
        }
        transactions.add(transactionId);
        return true;
    }

    /** The catalog lists a redemption again whenever it changes: the latest listing wins. */
    void redemption(Redemption r) {
        EngineState.RedemptionRow row = row(r.redemptionId());
        row.state = r.state();
        row.captureConfirmed = r.captureConfirmed();
        row.memberId = r.memberId();
        row.partnerId = r.partnerId();
        row.communityId = r.communityId();
        row.price = r.points() + r.subsidyPoints();
        row.holdExpiresAtMillis = r.holdExpiresAt() == null ? 0 : r.holdExpiresAt().toEpochMilli();
        row.stateSinceMillis = r.stateSince() == null ? 0 : r.stateSince().toEpochMilli();
        row.reasonCode = r.reasonCode();
    }

    /**
     * points-service refused the request for want of confirmation. Only the catalog's books tell whether it was a
     * redemption someone made in the catalog (its export names the refusal as the reason, {@link #check}) or a request
     * written past catalog-service with no redemption behind it, so the refusal is kept on the redemption's row.
     */
    void unconfirmedRequest(UnconfirmedRequest u) {
        EngineState.Refusal refusal = new EngineState.Refusal();
        refusal.reason = u.reason();
        refusal.refusedAtMillis = u.refusedAt() == null ? 0 : u.refusedAt().toEpochMilli();
        refusal.memberId = u.memberId();
        refusal.partnerId = u.partnerId();
        refusal.communityId = u.communityId();
        refusal.points = u.points();
        refusal.subsidyPoints = u.subsidyPoints();
        row(u.redemptionId()).unconfirmedRefusal = refusal;
    }

    /** The partners the catalog's redemptions name. */
    void partners(Set<CheckEngine.Partner> partners) {
        for (EngineState.RedemptionRow row : rows.values()) {
            if (row.partnerId != null && !row.partnerId.isEmpty()) {
                partners.add(new CheckEngine.Partner(row.communityId == null ? "" : row.communityId, row.partnerId));
            }
        }
    }

    /**
     * Each partner's settlement as the catalog's redemption export implies it: the price of every voucher
     * the catalog knows as captured (the rule of catalog-service's settlement). Values: points, vouchers.
     */
    Map<CheckEngine.Partner, long[]> capturedByCatalog() {
        Map<CheckEngine.Partner, long[]> sums = new HashMap<>();
        for (EngineState.RedemptionRow row : rows.values()) {
            if (row.captureConfirmed) {
                long[] sum = sums.computeIfAbsent(new CheckEngine.Partner(row.communityId, row.partnerId),
                        p -> new long[2]);
                sum[0] += row.price;
                sum[1]++;
            }
        }
        return sums;
    }

    void finish(long now, long settled, List<Discrepancy> found) {
        rows.forEach((id, row) -> check(id, row, now, settled, found));
    }

    private void check(String id, EngineState.RedemptionRow row, long now, long settled, List<Discrepancy> found) {
        int holds = row.holds.size();
        int captures = row.captures.size();
        int releases = row.releases.size();
        Map<String, String> ids = ids("redemptionId", id, "memberId", row.memberId, "partnerId", row.partnerId,
                "communityId", row.communityId);
        RedemptionState s = row.state;
        if (s == null) {
            // Only points-service has mentioned this redemption: its refusal of the request, its ledger entries, or both.
            EngineState.Refusal refusal = row.unconfirmedRefusal;
            if (refusal != null && refusal.refusedAtMillis <= settled) {
                found.add(requestWithoutRedemption(id, refusal));
            }
            boolean hasLedgerEntries = holds + captures + releases > 0;
            if (!hasLedgerEntries || row.firstHoldAtMillis > settled) {
                return;
            }
            ids.put("transactionIds", String.join(";", all(row)));
            found.add(new Discrepancy(DiscrepancyType.LEDGER_ENTRY_WITHOUT_REDEMPTION, ids, "no ledger entries",
                    holds + " hold(s), " + captures + " capture(s), " + releases + " release(s)",
                    "Find the redemption in the catalog; its hold, capture and release are settled only through it."));
            return;
        }
        // The catalog has the redemption: its export names points-service's refusal (below), which is the one finding
        // for it, whether or not points-service's export of unconfirmed requests listed it too.
        if (row.reasonCode != null && NOT_CONFIRMED.contains(row.reasonCode)) {
            found.add(new Discrepancy(DiscrepancyType.REGISTRY_CLAIM_NOT_CONFIRMED, ids,
                    "the proxy's REDEEM grant or the household's category in both services' copies of the registry",
                    "refused " + row.reasonCode + " by points-service (state " + s + ")",
                    "Compare catalog-service's copy (proxy_grant_copy, household_category_copy) with the registry in "
                            + "community-service: a grant or category the registry never gave was written into the "
                            + "catalog's copy past the service. No points moved for it."));
        }
        if (REQUEST_NOT_CONFIRMED.equals(row.reasonCode)) {
            found.add(new Discrepancy(DiscrepancyType.REQUEST_NOT_CONFIRMED, ids,
                    "a redemption request the gateway gave a receipt for",
                    "refused " + row.reasonCode + " by points-service (state " + s + ")",
                    "Find who sent this redemption past the gateway: catalog-service's access log for the redemption "
                            + "id, and its database (redemption, outbox_event) for rows written past the service. "
                            + "No points moved for it."));
        }
        if (s == RedemptionState.FULFILLED) {
            if (captures == 0) {
                if (row.stateSinceMillis <= settled) {
                    found.add(new Discrepancy(DiscrepancyType.UNCAPTURED_FULFILMENT, ids,
                            "1 capture of " + row.price + " points",
                            "no capture (" + holds + " hold(s), " + releases + " release(s))",
                            "Re-publish HoldCaptureRequested for this redemption (the ledger captures it once); if its hold was "
                                    + "released meanwhile, staff settle the voucher with an adjustment."));
                }
            } else if (captures > 1) {
                ids.put("transactionIds", String.join(";", row.captures));
                found.add(new Discrepancy(DiscrepancyType.DUPLICATE_CAPTURE, ids, "1 capture of " + row.price + " points",
                        captures + " captures, " + row.captured + " points",
                        "Refund every capture but the first to the resident with an adjustment."));
            } else if (row.captured != row.price) {
                ids.put("transactionIds", String.join(";", row.captures));
                found.add(new Discrepancy(DiscrepancyType.CAPTURE_AMOUNT_MISMATCH, ids, row.price + " points",
                        row.captured + " points", "Post the difference between the partner and the resident or pool."));
            }
            return;
        }
        if (captures > 0) {
            ids.put("transactionIds", String.join(";", row.captures));
            found.add(new Discrepancy(DiscrepancyType.CAPTURE_WITHOUT_FULFILMENT, ids, "no capture (state " + s + ")",
                    captures + " capture(s), " + row.captured + " points",
                    "Refund the capture to the resident, or record the fulfilment if the voucher was used."));
            return;
        }
        boolean holdAlive = holds > releases;
        if (s.endedWithoutFulfilment()) {
            if (holdAlive && row.stateSinceMillis <= settled) {
                ids.put("transactionIds", String.join(";", row.holds));
                found.add(new Discrepancy(DiscrepancyType.UNRELEASED_HOLD, ids, "hold released (state " + s + ")",
                        holds + " hold(s), " + releases + " release(s)",
                        "Re-publish HoldReleaseRequested for this redemption; the ledger releases it once."));
            }
            return;
        }
        long expiresAt = row.holdExpiresAtMillis != 0 ? row.holdExpiresAtMillis
                : row.firstHoldAtMillis != 0 ? row.firstHoldAtMillis + holdTimeout.toMillis() : 0;
        boolean catalogThinksHeld = s == RedemptionState.HELD;
        if ((holdAlive || catalogThinksHeld) && expiresAt != 0 && expiresAt + grace.toMillis() < now) {
            if (holdAlive) {
                ids.put("transactionIds", String.join(";", row.holds));
            }
            found.add(new Discrepancy(DiscrepancyType.STALE_HOLD, ids, "released by " + Instant.ofEpochMilli(expiresAt),
                    "still held (state " + s + ", " + holds + " hold(s), " + releases + " release(s))",
                    "Expire the redemption in the catalog and release the hold; check the hold-expiry job of both services."));
        }
    }

    /**
     * A request points-service refused for want of confirmation, for a redemption the catalog never had: someone wrote
     * it into catalog-service's outbox or sent it to the broker past the service. The ids are those the request named.
     */
    private static Discrepancy requestWithoutRedemption(String redemptionId, EngineState.Refusal refusal) {
        Map<String, String> ids = ids("redemptionId", redemptionId, "memberId", refusal.memberId, "partnerId",
                refusal.partnerId, "communityId", refusal.communityId);
        String when = refusal.refusedAtMillis == 0 ? "" : " at " + Instant.ofEpochMilli(refusal.refusedAtMillis);
        return new Discrepancy(DiscrepancyType.REQUEST_WITHOUT_REDEMPTION, ids,
                "a redemption in the catalog for every redemption request points-service answered",
                "no redemption in the catalog; points-service refused its request "
                        + (refusal.reason == null ? "(no reason given)" : refusal.reason) + when + " ("
                        + refusal.points + " points, " + refusal.subsidyPoints + " subsidy points asked for)",
                "Find who wrote this request: catalog-service's database (catalog.outbox_event, the rows whose payload "
                        + "names this redemption id) and the broker topic catalog.redemptions (records keyed by the "
                        + "resident). No catalog-service request made it, and points-service refused it: no points "
                        + "moved for it.");
    }

    private static List<String> all(EngineState.RedemptionRow row) {
        List<String> ids = new ArrayList<>(row.holds);
        ids.addAll(row.captures);
        ids.addAll(row.releases);
        return ids;
    }
}
