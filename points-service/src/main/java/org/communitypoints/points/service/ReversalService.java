package org.communitypoints.points.service;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.contracts.DerivedIds;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.points.config.PointsConfig;
import org.communitypoints.points.domain.Account;
import org.communitypoints.points.domain.AccountKey;
import org.communitypoints.points.domain.AccountType;
import org.communitypoints.points.domain.AuditAction;
import org.communitypoints.points.domain.JournalTransaction;
import org.communitypoints.points.domain.Posting;
import org.communitypoints.points.domain.StaffTransfer;
import org.communitypoints.points.domain.TransactionKind;
import org.communitypoints.points.domain.TransferKind;
import org.communitypoints.points.domain.TransferStatus;
import org.communitypoints.points.repository.AccountRepository;
import org.communitypoints.points.repository.JournalRepository;
import org.communitypoints.points.repository.JournalRepository.Booked;
import org.communitypoints.points.repository.StaffTransferRepository;

/**
 * Undoes a booking by a new transaction with the opposite postings; the original stays in the journal.
 * Redemption steps are not reversed here: they are settled by the redemption's own hold, capture and release.
 *
 * <p>
 * A reversal moves a resident's points as an adjustment does, so it is held to the same insider controls (README
 * "Insider controls"): never on the staff member's own points, and when it moves more than the approval threshold
 * (either way: giving back what an approved debit took is as much a transfer as taking it) it waits for a second
 * staff member of the community, who approves or rejects it. Every reversal is a staff transfer of kind REVERSAL
 * with its decisions in the control audit; the journal books it under {@link #reversalOf}, so at most once.
 */
@ApplicationScoped
public class ReversalService {

    public static final String CAUSE = "TRANSACTION";
    private static final Set<TransactionKind> REVERSIBLE = EnumSet.of(TransactionKind.SHIFT_CREDIT,
            TransactionKind.SHIFT_CORRECTION, TransactionKind.ADJUSTMENT);

    private final AccountRepository accounts;
    private final JournalRepository journal;
    private final StaffTransferRepository transfers;
    private final StaffTransferService fourEyes;
    private final AuditService audit;
    private final PointsConfig config;

    public ReversalService(AccountRepository accounts, JournalRepository journal, StaffTransferRepository transfers,
            StaffTransferService fourEyes, AuditService audit, PointsConfig config) {
        this.accounts = accounts;
        this.journal = journal;
        this.transfers = transfers;
        this.fourEyes = fourEyes;
        this.audit = audit;
        this.config = config;
    }

    /**
     * A reversal and where it stands.
     *
     * @param transactionId the reversing journal transaction; null until it is booked
     * @param points what it moves on the resident's points (negative: taken back)
     * @param approvedBy the second staff member who approved or rejected it; null while pending and when it was
     *        booked at once
     */
    public record Reversal(UUID id, UUID transactionId, UUID reverses, String communityId, String memberId,
            long points, String description, String reason, TransferStatus status, String requestedBy,
            Instant requestedAt, String approvedBy, Instant decidedAt, String decisionReason) {
    }

    /** The id of the reversal of a transaction: a transaction is reversed at most once. */
    static UUID reversalOf(UUID transactionId) {
        return DerivedIds.of("reversal", transactionId.toString());
    }

    /**
     * Books the reversal of one of the community's transactions, or, when it moves more than the approval threshold,
     * records it as pending for a second staff member. Sent again, it is refused (already reversed, or pending):
     * nothing is booked twice.
     *
     * @throws ProblemException 404 TRANSACTION_NOT_FOUND; 409 NOT_REVERSIBLE, ALREADY_REVERSED, REVERSAL_PENDING,
     *         INSUFFICIENT_POINTS; 403 SELF_ADJUSTMENT_FORBIDDEN
     */
    @Transactional
    public Reversal reverse(String staffId, String communityId, UUID transactionId, String reason) {
        Booked original = journal.find(transactionId).filter(t -> t.communityId().equals(communityId))
                .orElseThrow(() -> ProblemException.notFound("TRANSACTION_NOT_FOUND",
                        "There is no such transaction in your community's books."));
        if (!REVERSIBLE.contains(original.kind())) {
            throw ProblemException.conflict("NOT_REVERSIBLE", "A " + original.kind()
                    + " is settled through its redemption, not reversed by hand.").withArgs(original.kind().name());
        }
        // two staff members reversing the same transaction at once are served one after the other
        transfers.lockBound("reversal:" + transactionId);
        StaffTransfer asked = transfers.reversalAskedFor(transactionId).orElse(null);
        if (asked != null && asked.status() == TransferStatus.PENDING) {
            throw ProblemException.conflict("REVERSAL_PENDING",
                    "A reversal of this transaction is already waiting for a second staff member.");
        }
        // a reversal booked before V107 has no transfer, only its journal transaction
        if (asked != null || journal.find(reversalOf(transactionId)).isPresent()) {
            throw alreadyReversed();
        }
        List<Posting> opposite = opposite(original);
        AccountKey resident = opposite.stream().map(Posting::account).filter(a -> a.type() == AccountType.RESIDENT)
                .findFirst().orElseThrow(() -> ProblemException.conflict("NOT_REVERSIBLE",
                        "This transaction moved no resident's points, so it is not reversed by hand.")
                        .withArgs(original.kind().name()));
        long points = opposite.stream().filter(p -> p.account().equals(resident)).mapToLong(Posting::amount).sum();
        if (resident.ownerId().equals(staffId)) {
            throw audit.refused(communityId, TransferKind.REVERSAL, staffId, staffId, points,
                    StaffTransferService.selfAdjustment());
        }
        Instant now = Instant.now();
        if (Math.abs(points) > config.adjustment().approvalThreshold()) {
            StaffTransfer pending = new StaffTransfer(UUID.randomUUID(), TransferKind.REVERSAL, communityId,
                    resident.ownerId(), points, reason, TransferStatus.PENDING, staffId, now, null, null, null,
                    transactionId);
            transfers.insert(pending);
            audit.record(pending, AuditAction.REQUESTED, staffId, reason);
            return view(pending, original.description());
        }
        StaffTransfer booked = new StaffTransfer(UUID.randomUUID(), TransferKind.REVERSAL, communityId,
                resident.ownerId(), points, reason, TransferStatus.BOOKED, staffId, now, null, now, null,
                transactionId);
        transfers.insert(booked);
        book(booked, original, null);
        audit.record(booked, AuditAction.BOOKED, staffId, reason);
        return view(booked, original.description());
    }

    /**
     * Approves a pending reversal as the second staff member: it is booked now, exactly once, if the resident still
     * has the points it takes back (else 409 INSUFFICIENT_POINTS, and it stays pending for a rejection).
     */
    @Transactional
    public Reversal approve(String checkerId, String communityId, UUID id) {
        Booked[] original = new Booked[1];
        StaffTransfer booked = fourEyes.approve(TransferKind.REVERSAL, id, checkerId, communityId,
                (transfer, checker) -> {
                    original[0] = original(transfer);
                    book(transfer, original[0], checker);
                });
        return view(booked, original[0].description());
    }

    /** Turns a pending reversal down as the second staff member: nothing is booked. */
    @Transactional
    public Reversal reject(String checkerId, String communityId, UUID id, String reason) {
        StaffTransfer rejected = fourEyes.reject(TransferKind.REVERSAL, id, checkerId, communityId, reason);
        return view(rejected, originalDescription(rejected));
    }

    /** A page of the community's reversals, newest first; {@code status=PENDING} for those waiting. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Reversal> list(String communityId, TransferStatus status, UUID before, int limit) {
        List<StaffTransfer> page = fourEyes.list(TransferKind.REVERSAL, communityId, status, before, limit);
        // the originals' descriptions in one read, not one look-up per reversal
        Map<UUID, String> originals = journal.descriptions(page.stream().map(StaffTransfer::reverses).toList());
        return page.stream().map(t -> view(t, originals.get(t.reverses()))).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Reversal find(String communityId, UUID id) {
        StaffTransfer transfer = fourEyes.find(TransferKind.REVERSAL, id, communityId)
                .orElseThrow(() -> StaffTransferService.notFound(TransferKind.REVERSAL));
        return view(transfer, originalDescription(transfer));
    }

    /** Books the opposite postings under the reversal's derived id, the maker as actor and the checker (if any) beside. */
    private void book(StaffTransfer reversal, Booked original, String checkerId) {
        List<Posting> opposite = opposite(original);
        Map<AccountKey, Account> opened = accounts.openAndLock(opposite.stream().map(Posting::account).toList());
        for (Posting posting : opposite) {
            Account account = opened.get(posting.account());
            if (account.key().type() == AccountType.RESIDENT && account.available() + posting.amount() < 0) {
                throw ProblemException.conflict(HoldService.INSUFFICIENT_POINTS, "This resident has " + account.available()
                        + " points available, so the " + (-posting.amount()) + " points cannot be taken back.")
                        .withMessage("INSUFFICIENT_POINTS.reversal", account.available(), -posting.amount());
            }
        }
        Set<UUID> booked = journal.append(List.of(new JournalTransaction(reversalOf(original.id()),
                reversal.communityId(), TransactionKind.REVERSAL, CAUSE, original.id().toString(),
                description(original), reversal.requestedBy(), reversal.reason(), opposite, checkerId)), opened,
                Instant.now());
        if (booked.isEmpty()) {
            throw alreadyReversed();
        }
    }

    /** What the transaction a reversal names says, without its postings (what a view of the reversal shows). */
    private String originalDescription(StaffTransfer reversal) {
        return journal.descriptions(List.of(reversal.reverses())).get(reversal.reverses());
    }

    private Booked original(StaffTransfer reversal) {
        // the journal is append-only: a transaction a reversal names stays there
        return journal.find(reversal.reverses()).orElseThrow();
    }

    private static List<Posting> opposite(Booked original) {
        return original.postings().stream().map(p -> new Posting(p.account(), -p.amount(), p.pending())).toList();
    }

    private static String description(Booked original) {
        return description(original.description());
    }

    private static String description(String originalDescription) {
        return "冲正：" + originalDescription;
    }

    private static ProblemException alreadyReversed() {
        return ProblemException.conflict("ALREADY_REVERSED", "This transaction has already been reversed.");
    }

    private static Reversal view(StaffTransfer t, String originalDescription) {
        return new Reversal(t.id(), t.status() == TransferStatus.BOOKED ? reversalOf(t.reverses()) : null, t.reverses(),
                t.communityId(), t.memberId(), t.points(), description(originalDescription), t.reason(), t.status(),
                t.requestedBy(), t.requestedAt(), t.decidedBy(), t.decidedAt(), t.decisionReason());
    }
}
