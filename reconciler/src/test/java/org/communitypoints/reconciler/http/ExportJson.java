package org.communitypoints.reconciler.http;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.communitypoints.contracts.export.BalanceRow;
import org.communitypoints.contracts.export.CauseType;
import org.communitypoints.contracts.export.JournalEntry;
import org.communitypoints.contracts.export.PartnerSettlement;
import org.communitypoints.contracts.export.RedemptionChange;
import org.communitypoints.contracts.export.RedemptionExportRow;
import org.communitypoints.contracts.export.RedemptionState;
import org.communitypoints.contracts.export.ShiftExportItem;
import org.communitypoints.contracts.export.ShiftExportType;
import org.communitypoints.contracts.export.TransactionKind;
import org.communitypoints.contracts.export.UnconfirmedRequest;
import org.communitypoints.reconciler.engine.Books;
import org.communitypoints.reconciler.model.AccountBalance;
import org.communitypoints.reconciler.model.AccountType;
import org.communitypoints.reconciler.model.LedgerPosting;
import org.communitypoints.reconciler.model.Redemption;
import org.communitypoints.reconciler.model.ShiftCorrection;
import org.communitypoints.reconciler.model.VerifiedShift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Test books written out as the services' exports write them: the contract records, serialized by Jackson. */
final class ExportJson {

    static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    /** points-service numbers its accounts (bigint identity): the test books' account names get numbers too. */
    private static final Map<String, Long> ACCOUNT_NUMBERS = new ConcurrentHashMap<>();

    private ExportJson() {
    }

    static void load(StandInGateway gateway, Books books) {
        for (LedgerPosting p : books.postings) {
            gateway.journal.add(json(posting(p)));
        }
        for (VerifiedShift s : books.shifts) {
            gateway.shifts.add(json(shift(s)));
        }
        for (ShiftCorrection c : books.corrections) {
            gateway.shifts.add(json(correction(c)));
        }
        books.redemptions.values().forEach(r -> gateway.redemptions.add(json(redemption(r))));
        books.unconfirmedRequests.forEach(u -> gateway.unconfirmedRequests.add(json(unconfirmedRequest(u))));
        for (AccountBalance b : books.balances()) {
            gateway.balances.add(json(balance(b)));
        }
        for (Map.Entry<String, Long> s : books.settlements.entrySet()) {
            gateway.settlements.put(s.getKey(), settlement(s.getKey(), s.getValue()));
        }
    }

    static ObjectNode json(Object record) {
        return MAPPER.valueToTree(record);
    }

    static JournalEntry posting(LedgerPosting p) {
        TransactionKind kind = switch (p.movement()) {
            case OTHER -> TransactionKind.EXPIRY_DONATION;
            default -> TransactionKind.valueOf(p.movement().name());
        };
        CauseType cause = switch (p.movement()) {
            case SHIFT_CREDIT -> CauseType.SHIFT;
            case SHIFT_CORRECTION -> CauseType.SHIFT_CORRECTION;
            case HOLD, CAPTURE, RELEASE -> CauseType.REDEMPTION;
            case REVERSAL -> CauseType.TRANSACTION;
            case EXPIRY -> CauseType.EXPIRY;
            case ADJUSTMENT, POOL_FUNDING, OTHER -> CauseType.ADJUSTMENT;
        };
        return new JournalEntry(p.sequence(), UUID.fromString(p.transactionId()), kind, cause,
                p.movement() == org.communitypoints.reconciler.model.Movement.OTHER ? p.transactionId() : p.causeId(),
                accountNumber(p.accountId()), accountType(p.accountType(), p.accountId()), p.ownerId(), p.communityId(),
                p.amount(), p.pending(), p.postedAt(), "食堂秩序维护 · 午餐", p.actor(), p.approvedBy(), "1000-" + p.sequence());
    }

    /** The number the stand-in's books gave an account, as the journal and balance exports show it. */
    static long accountNumber(String account) {
        return ACCOUNT_NUMBERS.computeIfAbsent(account, a -> ACCOUNT_NUMBERS.size() + 1000L);
    }

    private static org.communitypoints.contracts.export.AccountType accountType(AccountType type, String accountId) {
        return switch (type) {
            case RESIDENT -> org.communitypoints.contracts.export.AccountType.RESIDENT;
            case PARTNER -> org.communitypoints.contracts.export.AccountType.REDEMPTION;
            case OTHER -> accountId.equals("pool") ? org.communitypoints.contracts.export.AccountType.SUBSIDY_POOL
                    : org.communitypoints.contracts.export.AccountType.ISSUANCE;
        };
    }

    static ShiftExportItem shift(VerifiedShift s) {
        return new ShiftExportItem(ShiftExportType.SHIFT_VERIFIED, UUID.randomUUID(), UUID.fromString(s.shiftId()), null,
                s.memberId(), s.communityId(), s.points(), null, null, s.verifiedAt());
    }

    static ShiftExportItem correction(ShiftCorrection c) {
        return new ShiftExportItem(ShiftExportType.SHIFT_CORRECTED, UUID.randomUUID(), UUID.fromString(c.shiftId()),
                UUID.fromString(c.correctionId()), c.memberId(), c.communityId(), null, 100L, 100 + c.delta(),
                c.correctedAt());
    }

    static RedemptionExportRow redemption(Redemption r) {
        RedemptionState state = switch (r.state()) {
            case HELD -> RedemptionState.CONFIRMED;
            case FULFILLED -> r.captureConfirmed() ? RedemptionState.CAPTURED : RedemptionState.FULFILLED;
            default -> RedemptionState.valueOf(r.state().name());
        };
        return new RedemptionExportRow(UUID.fromString(r.redemptionId()), 1, r.communityId(), r.memberId(), r.partnerId(),
                UUID.randomUUID(), "午餐", r.points(), r.subsidyPoints(), state, "K7Q2-9F", r.stateSince(), null, null, null,
                r.holdExpiresAt(), List.of(new RedemptionChange(state, null, r.stateSince())));
    }

    static UnconfirmedRequest unconfirmedRequest(org.communitypoints.reconciler.model.UnconfirmedRequest u) {
        return new UnconfirmedRequest(UUID.fromString(u.redemptionId()), u.communityId(), u.memberId(), u.partnerId(),
                u.reason(), u.points(), u.subsidyPoints(), u.refusedAt());
    }

    static BalanceRow balance(AccountBalance b) {
        AccountBalance.StoredRow stored = b.storedRow();
        return new BalanceRow(accountNumber(b.accountId()), b.communityId(), accountType(b.accountType(), b.accountId()),
                b.ownerId(), b.posted(), b.pending(), stored == null ? null : stored.posted(),
                stored == null ? null : stored.pending(), stored == null ? b.posted() : stored.totalPosted(),
                stored == null ? b.pending() : stored.totalPending());
    }

    static ObjectNode settlement(String partnerId, long captured) {
        return json(new PartnerSettlement(partnerId, "梧桐社区食堂", LocalDate.parse("2020-01-01"),
                LocalDate.parse("2026-11-25"), 1, captured, 0, 0, 0, List.of()));
    }
}
