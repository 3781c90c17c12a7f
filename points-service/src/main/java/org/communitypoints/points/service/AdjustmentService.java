package org.communitypoints.points.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.points.domain.Account;
import org.communitypoints.points.domain.AccountKey;
import org.communitypoints.points.domain.JournalTransaction;
import org.communitypoints.points.domain.Posting;
import org.communitypoints.points.domain.TransactionKind;
import org.communitypoints.points.repository.AccountRepository;
import org.communitypoints.points.repository.JournalRepository;

/** Staff corrections of a resident's points: balanced transactions against the community's issuance account. */
@ApplicationScoped
public class AdjustmentService {

    public static final String CAUSE = "ADJUSTMENT";

    private final AccountRepository accounts;
    private final JournalRepository journal;
    private final IdempotentRequests idempotentRequests;

    public AdjustmentService(AccountRepository accounts, JournalRepository journal, IdempotentRequests idempotentRequests) {
        this.accounts = accounts;
        this.journal = journal;
        this.idempotentRequests = idempotentRequests;
    }

    public record Adjustment(String memberId, long points, String reason) {
    }

    public record Adjusted(UUID transactionId, String communityId, String memberId, long points, String reason,
            long posted, long held, long available) {
    }

    @Transactional
    public IdempotentRequests.Outcome<Adjusted> adjust(String staffId, String communityId, Adjustment request,
            String idempotencyKey) {
        if (request.points() == 0) {
            throw ProblemException.badRequest("ZERO_ADJUSTMENT", "An adjustment must add or take off at least one point.");
        }
        return idempotentRequests.once("points-adjustment", staffId, idempotencyKey, request, Adjusted.class,
                () -> book(staffId, communityId, request));
    }

    private Adjusted book(String staffId, String communityId, Adjustment request) {
        AccountKey resident = AccountKey.resident(communityId, request.memberId());
        AccountKey issuance = AccountKey.issuance(communityId);
        Map<AccountKey, Account> opened = accounts.openAndLock(List.of(resident, issuance));
        Account before = opened.get(resident);
        if (before.available() + request.points() < 0) {
            throw ProblemException.conflict(HoldService.INSUFFICIENT_POINTS, "This resident has " + before.available()
                    + " points available, so " + (-request.points()) + " points cannot be taken off.");
        }
        UUID id = UUID.randomUUID();
        journal.append(List.of(new JournalTransaction(id, communityId, TransactionKind.ADJUSTMENT, CAUSE, id.toString(),
                "人工调整：" + request.reason().strip(), staffId, request.reason().strip(),
                List.of(Posting.posted(resident, request.points()), Posting.posted(issuance, -request.points())))),
                opened, Instant.now());
        Account after = new Account(before.id(), resident, before.posted() + request.points(), before.pending());
        return new Adjusted(id, communityId, request.memberId(), request.points(), request.reason().strip(),
                after.posted(), after.held(), after.available());
    }
}
