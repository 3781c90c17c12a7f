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
import org.communitypoints.points.domain.Account;
import org.communitypoints.points.domain.AccountKey;
import org.communitypoints.points.domain.AccountType;
import org.communitypoints.points.domain.JournalTransaction;
import org.communitypoints.points.domain.Posting;
import org.communitypoints.points.domain.TransactionKind;
import org.communitypoints.points.repository.AccountRepository;
import org.communitypoints.points.repository.JournalRepository;
import org.communitypoints.points.repository.JournalRepository.Booked;

/**
 * Undoes a booking by a new transaction with the opposite postings; the original stays in the journal.
 * Redemption steps are not reversed here: they are settled by the redemption's own hold, capture and release.
 */
@ApplicationScoped
public class ReversalService {

    public static final String CAUSE = "TRANSACTION";
    private static final Set<TransactionKind> REVERSIBLE = EnumSet.of(TransactionKind.SHIFT_CREDIT,
            TransactionKind.SHIFT_CORRECTION, TransactionKind.ADJUSTMENT);

    private final AccountRepository accounts;
    private final JournalRepository journal;

    public ReversalService(AccountRepository accounts, JournalRepository journal) {
        this.accounts = accounts;
        this.journal = journal;
    }

    public record Reversed(UUID transactionId, UUID reverses, String description, String reason) {
    }

    /** The id of the reversal of a transaction: a transaction is reversed at most once. */
    static UUID reversalOf(UUID transactionId) {
        return DerivedIds.of("reversal", transactionId.toString());
    }

    @Transactional
    public Reversed reverse(String staffId, String communityId, UUID transactionId, String reason) {
        Booked original = journal.find(transactionId).filter(t -> t.communityId().equals(communityId))
                .orElseThrow(() -> ProblemException.notFound("TRANSACTION_NOT_FOUND",
                        "There is no such transaction in your community's books."));
        if (!REVERSIBLE.contains(original.kind())) {
            throw ProblemException.conflict("NOT_REVERSIBLE", "A " + original.kind()
                    + " is settled through its redemption, not reversed by hand.");
        }
        UUID id = reversalOf(transactionId);
        if (journal.find(id).isPresent()) {
            throw ProblemException.conflict("ALREADY_REVERSED", "This transaction has already been reversed.");
        }
        List<Posting> opposite = original.postings().stream()
                .map(p -> new Posting(p.account(), -p.amount(), p.pending())).toList();
        Map<AccountKey, Account> opened = accounts.openAndLock(opposite.stream().map(Posting::account).toList());
        for (Posting posting : opposite) {
            Account account = opened.get(posting.account());
            if (account.key().type() == AccountType.RESIDENT && account.available() + posting.amount() < 0) {
                throw ProblemException.conflict(HoldService.INSUFFICIENT_POINTS, "This resident has " + account.available()
                        + " points available, so the " + (-posting.amount()) + " points cannot be taken back.");
            }
        }
        String description = "冲正：" + original.description();
        Set<UUID> booked = journal.append(List.of(new JournalTransaction(id, communityId, TransactionKind.REVERSAL,
                CAUSE, transactionId.toString(), description, staffId, reason, opposite)), opened, Instant.now());
        if (booked.isEmpty()) {
            throw ProblemException.conflict("ALREADY_REVERSED", "This transaction has already been reversed.");
        }
        return new Reversed(id, transactionId, description, reason);
    }
}
