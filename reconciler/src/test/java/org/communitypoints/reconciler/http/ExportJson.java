package org.communitypoints.reconciler.http;

import java.util.Map;

import org.communitypoints.reconciler.engine.Books;
import org.communitypoints.reconciler.model.AccountBalance;
import org.communitypoints.reconciler.model.AccountType;
import org.communitypoints.reconciler.model.LedgerPosting;
import org.communitypoints.reconciler.model.Redemption;
import org.communitypoints.reconciler.model.ShiftCorrection;
import org.communitypoints.reconciler.model.VerifiedShift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Test books written out as the services' exports write them (field names and values as in their code). */
final class ExportJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** points-service numbers its accounts (bigint identity): the test books' account names get numbers too. */
    private static final Map<String, Long> ACCOUNT_NUMBERS = new java.util.concurrent.ConcurrentHashMap<>();

    private ExportJson() {
    }

    static void load(StandInGateway gateway, Books books) {
        for (LedgerPosting p : books.postings) {
            gateway.journal.add(posting(p));
        }
        for (VerifiedShift s : books.shifts) {
            gateway.shifts.add(shift(s));
        }
        for (ShiftCorrection c : books.corrections) {
            gateway.shifts.add(correction(c));
        }
        books.redemptions.values().forEach(r -> gateway.redemptions.add(redemption(r, books)));
        for (AccountBalance b : books.balances()) {
            gateway.balances.add(balance(b));
        }
        for (Map.Entry<String, Long> s : books.settlements.entrySet()) {
            gateway.settlements.put(s.getKey(), settlement(s.getKey(), s.getValue()));
        }
    }

    static ObjectNode posting(LedgerPosting p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("sequence", p.sequence());
        n.put("cursor", "1000-" + p.sequence());
        n.put("transactionId", p.transactionId());
        n.put("kind", switch (p.movement()) {
            case OTHER -> "ADJUSTMENT";
            default -> p.movement().name();
        });
        n.put("causeType", p.movement().name());
        n.put("causeId", p.causeId());
        n.put("accountId", accountNumber(p.accountId()));
        n.put("accountType", accountType(p.accountType(), p.accountId()));
        n.put("owner", p.ownerId());
        n.put("communityId", p.communityId());
        n.put("amount", p.amount());
        n.put("pending", p.pending());
        n.put("postedAt", p.postedAt().toString());
        n.put("description", "食堂秩序维护 · 午餐");
        return n;
    }

    private static long accountNumber(String account) {
        return ACCOUNT_NUMBERS.computeIfAbsent(account, a -> ACCOUNT_NUMBERS.size() + 1000L);
    }

    private static String accountType(AccountType type, String accountId) {
        return switch (type) {
            case RESIDENT -> "RESIDENT";
            case PARTNER -> "REDEMPTION";
            case OTHER -> accountId.equals("pool") ? "SUBSIDY_POOL" : "ISSUANCE";
        };
    }

    static ObjectNode shift(VerifiedShift s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "SHIFT_VERIFIED");
        n.put("eventId", Books.id());
        n.put("shiftId", s.shiftId());
        n.putNull("correctionId");
        n.put("memberId", s.memberId());
        n.put("communityId", s.communityId());
        n.put("points", s.points());
        n.putNull("previousPoints");
        n.putNull("correctedPoints");
        n.put("recordedAt", s.verifiedAt().toString());
        return n;
    }

    static ObjectNode correction(ShiftCorrection c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "SHIFT_CORRECTED");
        n.put("eventId", Books.id());
        n.put("shiftId", c.shiftId());
        n.put("correctionId", c.correctionId());
        n.put("memberId", c.memberId());
        n.put("communityId", c.communityId());
        n.putNull("points");
        n.put("previousPoints", 100);
        n.put("correctedPoints", 100 + c.delta());
        n.put("recordedAt", c.correctedAt().toString());
        return n;
    }

    static ObjectNode redemption(Redemption r, Books books) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", r.redemptionId());
        n.put("cursor", 1);
        n.put("communityId", r.communityId());
        n.put("memberId", r.memberId());
        n.put("partnerId", r.partnerId());
        n.put("rewardId", Books.id());
        n.put("rewardTitle", "午餐");
        n.put("points", r.points());
        n.put("subsidyPoints", r.subsidyPoints());
        n.put("state", switch (r.state()) {
            case HELD -> "CONFIRMED";
            case FULFILLED -> r.captureConfirmed() ? "CAPTURED" : "FULFILLED";
            default -> r.state().name();
        });
        n.put("voucherCode", "K7Q2-9F");
        if (r.holdExpiresAt() != null) {
            // catalog keeps holdExpiresAt on the redemption; the adapter reads it when the export carries it
            n.put("holdExpiresAt", r.holdExpiresAt().toString());
        }
        n.put("createdAt", r.stateSince().toString());
        n.putArray("history").addObject().put("state", n.get("state").asText()).putNull("reasonCode")
                .put("at", r.stateSince().toString());
        return n;
    }

    static ObjectNode balance(AccountBalance b) {
        ObjectNode n = JSON.createObjectNode();
        n.put("accountId", accountNumber(b.accountId()));
        n.put("communityId", b.communityId());
        n.put("type", accountType(b.accountType(), b.accountId()));
        n.put("ownerId", b.ownerId());
        n.put("posted", b.posted());
        n.put("pending", b.pending());
        return n;
    }

    static ObjectNode settlement(String partnerId, long captured) {
        ObjectNode n = JSON.createObjectNode();
        n.put("partnerId", partnerId);
        n.put("partnerName", "梧桐社区食堂");
        n.put("from", "2020-01-01");
        n.put("to", "2026-11-25");
        n.put("vouchersFulfilled", 1);
        n.put("pointsCaptured", captured);
        n.put("subsidyCaptured", 0);
        n.put("awaitingCapture", 0);
        n.put("captureFailed", 0);
        n.putArray("lines");
        return n;
    }
}
