package org.communitypoints.reconciler.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.communitypoints.reconciler.model.AccountBalance;
import org.communitypoints.reconciler.model.LedgerPosting;
import org.communitypoints.reconciler.model.Redemption;
import org.communitypoints.reconciler.model.SettlementTotal;
import org.communitypoints.reconciler.model.ShiftCorrection;
import org.communitypoints.reconciler.model.UnconfirmedRequest;
import org.communitypoints.reconciler.model.VerifiedShift;

/**
 * The checks, fed one record at a time and never holding a whole export: the ledger's sums
 * ({@link LedgerChecks}), one row per shift and correction ({@link ShiftChecks}) and per redemption
 * ({@link RedemptionChecks}). Those running totals ({@link #state()}) are what an incremental run resumes
 * from, so an incremental run reaches exactly the verdict a full run would.
 *
 * <p>
 * Feed order: postings, then shifts/corrections/redemptions/unconfirmed requests (any order), then balances and
 * settlements (they are compared with the sums of all postings fed so far), then {@link #finish}.
 */
public final class CheckEngine {

    /** A partner of a community, whose settlement is compared with the ledger. */
    public record Partner(String communityId, String partnerId) {
    }

    private final Duration grace;
    private final EngineState state;
    private final LedgerChecks ledger;
    private final ShiftChecks shifts;
    private final RedemptionChecks redemptions;
    private final ExpiryChecks expiries;
    private final AdjustmentChecks adjustments;
    private long postingsSeen;
    /** Balance and settlement findings: point-in-time, never carried to the next run. */
    private final List<Discrepancy> pointInTime = new ArrayList<>();

    /**
     * @param grace how long a fact may wait for its counterpart (a credit for a just-verified shift, a
     *        capture for a just-fulfilled voucher) before it counts as missing
     * @param holdTimeout assumed lifetime of a hold whose redemption does not say when it expires
     * @param bounds the bounds on staff adjustments (points-service's), and the zone of their days
     */
    public CheckEngine(Duration grace, Duration holdTimeout, AdjustmentChecks.Bounds bounds) {
        this(grace, holdTimeout, bounds, EngineState.empty());
    }

    /** Resumes from the running totals of an earlier run. */
    public CheckEngine(Duration grace, Duration holdTimeout, AdjustmentChecks.Bounds bounds, EngineState resumed) {
        this.grace = grace;
        this.state = resumed;
        this.postingsSeen = resumed.postingsSeen();
        this.ledger = new LedgerChecks(resumed);
        this.shifts = new ShiftChecks(resumed);
        this.redemptions = new RedemptionChecks(resumed, grace, holdTimeout);
        this.expiries = new ExpiryChecks(resumed);
        this.adjustments = new AdjustmentChecks(resumed, bounds);
    }

    public long postingsSeen() {
        return postingsSeen;
    }

    public void posting(LedgerPosting p) {
        postingsSeen++;
        ledger.posting(p);
        shifts.posting(p);
        redemptions.posting(p);
        expiries.posting(p);
        adjustments.posting(p);
    }

    public void shift(VerifiedShift s) {
        shifts.shift(s);
    }

    public void correction(ShiftCorrection c) {
        shifts.correction(c);
    }

    public void redemption(Redemption r) {
        redemptions.redemption(r);
    }

    /** A redemption request points-service refused for want of confirmation: the catalog should know its redemption. */
    public void unconfirmedRequest(UnconfirmedRequest u) {
        redemptions.unconfirmedRequest(u);
    }

    public void balance(AccountBalance b) {
        ledger.balance(b, pointInTime);
    }

    public void settlement(SettlementTotal s) {
        ledger.settlement(s, pointInTime);
    }

    /** The communities whose balances should be asked for: every community with postings. */
    public Set<String> communities() {
        return Collections.unmodifiableSet(state.communities());
    }

    /** The partners a settlement should be asked for: every partner the catalog or the ledger knows. */
    public Set<Partner> partners() {
        Set<Partner> partners = new TreeSet<>(Comparator.comparing(Partner::communityId).thenComparing(Partner::partnerId));
        ledger.capturingPartners(partners);
        redemptions.partners(partners);
        return partners;
    }

    /** Every partner's settlement from the redemption export, for when the settlement endpoint refuses the reconciler. */
    public Map<Partner, SettlementTotal> settlementsFromRedemptions() {
        Map<Partner, long[]> sums = redemptions.capturedByCatalog();
        Map<Partner, SettlementTotal> settlements = new HashMap<>();
        for (Partner partner : partners()) {
            long[] sum = sums.getOrDefault(partner, new long[2]);
            settlements.put(partner, new SettlementTotal(partner.communityId(), partner.partnerId(), sum[0], sum[1],
                    "redemption export"));
        }
        return settlements;
    }

    /** Every discrepancy, each once, sorted by type and ids. */
    public List<Discrepancy> finish(Instant now) {
        long settled = now.minus(grace).toEpochMilli();
        List<Discrepancy> found = new ArrayList<>(pointInTime);
        ledger.finish(found);
        shifts.finish(settled, found);
        redemptions.finish(now.toEpochMilli(), settled, found);
        expiries.finish(found);
        adjustments.finish(found);
        found.sort(Comparator.comparing((Discrepancy d) -> d.type().ordinal()).thenComparing(Discrepancy::idText));
        return found;
    }

    /** The running totals to resume from (not the point-in-time balance and settlement results). */
    public EngineState state() {
        ledger.closeCurrentTransaction();
        adjustments.forgetOldDays();
        return new EngineState(postingsSeen, state.accounts(), state.unbalanced(), state.capturedByPartner(),
                state.communities(), state.shifts(), state.corrections(), state.redemptions(), state.lots(),
                state.expiryFindings(), state.adjustmentFindings(), state.adjustedAlone());
    }
}
