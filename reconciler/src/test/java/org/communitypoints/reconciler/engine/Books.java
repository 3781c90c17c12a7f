package org.communitypoints.reconciler.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitypoints.reconciler.model.AccountBalance;
import org.communitypoints.reconciler.model.AccountType;
import org.communitypoints.reconciler.model.LedgerPosting;
import org.communitypoints.reconciler.model.Movement;
import org.communitypoints.reconciler.model.Redemption;
import org.communitypoints.reconciler.model.RedemptionState;
import org.communitypoints.reconciler.model.SettlementTotal;
import org.communitypoints.reconciler.model.ShiftCorrection;
import org.communitypoints.reconciler.model.UnconfirmedRequest;
import org.communitypoints.reconciler.model.VerifiedShift;

/**
 * Books for tests, shaped like the suite's: a shift credit moves points from the community's issuance
 * account to the resident; a hold is a pair of pending legs; a capture undoes them and posts the price
 * (and subsidy) to the partner's account; a release undoes them. Every write stays consistent (balances
 * follow the postings, settlements follow the captures) unless a test plants a fault on purpose.
 */
public final class Books {

    public static final String COMMUNITY = "wutong";
    /** points-service's default bounds on adjustments, in the communities' zone. */
    public static final AdjustmentChecks.Bounds BOUNDS = new AdjustmentChecks.Bounds(500, 2000, 100,
            java.time.ZoneId.of("Asia/Shanghai"));
    public static final Instant LONG_AGO = Instant.parse("2026-11-01T08:00:00Z");

    public final List<LedgerPosting> postings = new ArrayList<>();
    public final List<VerifiedShift> shifts = new ArrayList<>();
    public final List<ShiftCorrection> corrections = new ArrayList<>();
    public final Map<String, Redemption> redemptions = new LinkedHashMap<>();
    /** points-service's export of the redemption requests it refused for want of confirmation. */
    public final List<UnconfirmedRequest> unconfirmedRequests = new ArrayList<>();
    public final Map<String, long[]> accounts = new LinkedHashMap<>();
    public final Map<String, Long> settlements = new LinkedHashMap<>();
    /** Planted differences between the reported balance and the postings, by account. */
    public final Map<String, Long> balanceOffsets = new LinkedHashMap<>();
    /** Accounts whose stored balance row the service reports off by this much from all their postings. */
    public final Map<String, Long> storedRowOffsets = new LinkedHashMap<>();
    private long sequence;
    /** The time new postings carry. */
    public Instant postedAt = LONG_AGO;

    public static String id() {
        return UUID.randomUUID().toString();
    }

    public String verifiedShift(String member, long points) {
        String shiftId = id();
        shifts.add(new VerifiedShift(shiftId, member, COMMUNITY, points, LONG_AGO));
        return shiftId;
    }

    public String credit(String shiftId, String member, long points) {
        String tx = id();
        post(tx, Movement.SHIFT_CREDIT, shiftId, resident(member), member, AccountType.RESIDENT, points, false);
        post(tx, Movement.SHIFT_CREDIT, shiftId, "issuance", "", AccountType.OTHER, -points, false);
        return tx;
    }

    public String creditedShift(String member, long points) {
        String shiftId = verifiedShift(member, points);
        credit(shiftId, member, points);
        return shiftId;
    }

    public String correction(String shiftId, String member, long previous, long corrected, boolean posted) {
        String correctionId = id();
        corrections.add(new ShiftCorrection(correctionId, shiftId, member, COMMUNITY, corrected - previous, LONG_AGO));
        if (posted) {
            String tx = id();
            post(tx, Movement.SHIFT_CORRECTION, correctionId, resident(member), member, AccountType.RESIDENT,
                    corrected - previous, false);
            post(tx, Movement.SHIFT_CORRECTION, correctionId, "issuance", "", AccountType.OTHER, previous - corrected, false);
        }
        return correctionId;
    }

    public String redemption(String member, String partner, long points, long subsidy, RedemptionState state,
            Instant expiresAt) {
        return redemption(member, partner, points, subsidy, state, expiresAt, null);
    }

    /** A redemption the catalog lists in the state for the reason (e.g. REJECTED for INSUFFICIENT_POINTS). */
    public String redemption(String member, String partner, long points, long subsidy, RedemptionState state,
            Instant expiresAt, String reasonCode) {
        String redemptionId = id();
        redemptions.put(redemptionId, new Redemption(redemptionId, member, partner, COMMUNITY, state, points, subsidy,
                expiresAt, LONG_AGO, false, reasonCode));
        return redemptionId;
    }

    /**
     * A request points-service refused for want of confirmation (e.g. REQUEST_NOT_CONFIRMED), for a redemption the
     * catalog does not list: what an insider's hold request written into the catalog's outbox leaves behind.
     */
    public String refusedRequest(String member, String partner, long points, long subsidy, String reason,
            Instant refusedAt) {
        String redemptionId = id();
        unconfirmedRequests.add(new UnconfirmedRequest(redemptionId, member, partner, COMMUNITY, reason, points, subsidy,
                refusedAt));
        return redemptionId;
    }

    /** points-service's refusal of a redemption the catalog lists (and lists as refused for the reason, if it heard). */
    public void refusedRequest(String redemptionId, String reason, Instant refusedAt) {
        Redemption r = redemptions.get(redemptionId);
        unconfirmedRequests.add(new UnconfirmedRequest(redemptionId, r.memberId(), r.partnerId(), r.communityId(), reason,
                r.points(), r.subsidyPoints(), refusedAt));
    }

    public String hold(String redemptionId) {
        Redemption r = redemptions.get(redemptionId);
        String tx = id();
        post(tx, Movement.HOLD, redemptionId, resident(r.memberId()), r.memberId(), AccountType.RESIDENT, -r.points(), true);
        post(tx, Movement.HOLD, redemptionId, partner(r.partnerId()), r.partnerId(), AccountType.PARTNER, r.points(), true);
        return tx;
    }

    public String capture(String redemptionId) {
        Redemption r = redemptions.get(redemptionId);
        String tx = id();
        post(tx, Movement.CAPTURE, redemptionId, resident(r.memberId()), r.memberId(), AccountType.RESIDENT, r.points(), true);
        post(tx, Movement.CAPTURE, redemptionId, partner(r.partnerId()), r.partnerId(), AccountType.PARTNER, -r.points(), true);
        post(tx, Movement.CAPTURE, redemptionId, resident(r.memberId()), r.memberId(), AccountType.RESIDENT, -r.points(),
                false);
        post(tx, Movement.CAPTURE, redemptionId, partner(r.partnerId()), r.partnerId(), AccountType.PARTNER, r.points(), false);
        if (r.subsidyPoints() > 0) {
            post(tx, Movement.CAPTURE, redemptionId, "pool", "", AccountType.OTHER, -r.subsidyPoints(), false);
            post(tx, Movement.CAPTURE, redemptionId, partner(r.partnerId()), r.partnerId(), AccountType.PARTNER,
                    r.subsidyPoints(), false);
        }
        settlements.merge(r.partnerId(), r.points() + r.subsidyPoints(), Long::sum);
        if (r.state() == RedemptionState.FULFILLED) {
            redemptions.put(redemptionId, new Redemption(r.redemptionId(), r.memberId(), r.partnerId(), r.communityId(),
                    r.state(), r.points(), r.subsidyPoints(), r.holdExpiresAt(), r.stateSince(), true, r.reasonCode()));
        }
        return tx;
    }

    public String release(String redemptionId) {
        Redemption r = redemptions.get(redemptionId);
        String tx = id();
        post(tx, Movement.RELEASE, redemptionId, resident(r.memberId()), r.memberId(), AccountType.RESIDENT, r.points(), true);
        post(tx, Movement.RELEASE, redemptionId, partner(r.partnerId()), r.partnerId(), AccountType.PARTNER, -r.points(), true);
        return tx;
    }

    public void post(String tx, Movement movement, String cause, String account, String owner, AccountType type, long amount,
            boolean pending) {
        post(tx, movement, cause, null, account, owner, type, amount, pending);
    }

    private void post(String tx, Movement movement, String cause, String reverses, String account, String owner,
            AccountType type, long amount, boolean pending) {
        post(tx, movement, cause, reverses, account, owner, type, amount, pending, null, null);
    }

    private void post(String tx, Movement movement, String cause, String reverses, String account, String owner,
            AccountType type, long amount, boolean pending, String actor, String approvedBy) {
        postings.add(new LedgerPosting(++sequence, tx, movement, cause, reverses, account, owner, type, COMMUNITY, amount,
                pending, postedAt, actor, approvedBy));
        long[] sums = accounts.computeIfAbsent(account, a -> new long[3]);
        sums[pending ? 1 : 0] += amount;
        sums[2] = type.ordinal();
    }

    /**
     * What points-service books for a staff adjustment: the resident's leg and the issuance account's, the maker as
     * actor and the checker (null when none was needed).
     */
    public String adjustment(String member, long points, String maker, String checker) {
        String tx = id();
        post(tx, Movement.ADJUSTMENT, tx, null, resident(member), member, AccountType.RESIDENT, points, false, maker, checker);
        post(tx, Movement.ADJUSTMENT, tx, null, "issuance", "", AccountType.OTHER, -points, false, maker, checker);
        return tx;
    }

    /** What points-service books for a pool funding: from the issuance account into the subsidy pool. */
    public String poolFunding(long points, String maker, String checker) {
        String tx = id();
        post(tx, Movement.POOL_FUNDING, tx, null, "pool", "", AccountType.OTHER, points, false, maker, checker);
        post(tx, Movement.POOL_FUNDING, tx, null, "issuance", "", AccountType.OTHER, -points, false, maker, checker);
        return tx;
    }

    /** What staff's reversal books: the opposite of every leg, naming the reversed transaction as its cause. */
    public String reverse(String transactionId) {
        return reverse(transactionId, "chen-jing", null);
    }

    /** As {@link #reverse(String)}, by a maker with a checker (null when none was needed). */
    public String reverse(String transactionId, String maker, String checker) {
        String tx = id();
        List<LedgerPosting> original = postings.stream().filter(p -> p.transactionId().equals(transactionId)).toList();
        for (LedgerPosting p : original) {
            post(tx, Movement.REVERSAL, transactionId, transactionId, p.accountId(), p.ownerId(), p.accountType(),
                    -p.amount(), p.pending(), maker, checker);
        }
        return tx;
    }

    public static String resident(String member) {
        return "resident:" + member;
    }

    public static String partner(String partner) {
        return "partner:" + partner;
    }

    public List<AccountBalance> balances() {
        List<AccountBalance> list = new ArrayList<>();
        accounts.forEach((account, sums) -> list.add(new AccountBalance(account, owner(account),
                AccountType.values()[(int) sums[2]], COMMUNITY, sums[0] + balanceOffsets.getOrDefault(account, 0L), sums[1],
                new AccountBalance.StoredRow(sums[0] + storedRowOffsets.getOrDefault(account, 0L), sums[1], sums[0],
                        sums[1]))));
        return list;
    }

    private static String owner(String account) {
        int colon = account.indexOf(':');
        return colon < 0 ? "" : account.substring(colon + 1);
    }

    /** Feeds everything in the order the runner does and returns the verdict. */
    public List<Discrepancy> check(CheckEngine engine, Instant now) {
        postings.forEach(engine::posting);
        shifts.forEach(engine::shift);
        corrections.forEach(engine::correction);
        redemptions.values().forEach(engine::redemption);
        unconfirmedRequests.forEach(engine::unconfirmedRequest);
        balances().forEach(engine::balance);
        for (CheckEngine.Partner partner : engine.partners()) {
            engine.settlement(new SettlementTotal(partner.communityId(), partner.partnerId(),
                    settlements.getOrDefault(partner.partnerId(), 0L), 0, "test"));
        }
        return engine.finish(now);
    }
}
