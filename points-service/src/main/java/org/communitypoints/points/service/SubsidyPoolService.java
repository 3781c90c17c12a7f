package org.communitypoints.points.service;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.points.config.PointsConfig;
import org.communitypoints.points.domain.Account;
import org.communitypoints.points.domain.AccountKey;
import org.communitypoints.points.domain.AuditAction;
import org.communitypoints.points.domain.AuditEntry;
import org.communitypoints.points.domain.JournalTransaction;
import org.communitypoints.points.domain.Posting;
import org.communitypoints.points.domain.StaffTransfer;
import org.communitypoints.points.domain.TransactionKind;
import org.communitypoints.points.domain.TransferKind;
import org.communitypoints.points.domain.TransferStatus;
import org.communitypoints.points.repository.AccountRepository;
import org.communitypoints.points.repository.JournalRepository;
import org.communitypoints.points.repository.StaffTransferRepository;

/**
 * The community's subsidy pool, which pays the means-tested discounts (README "The subsidy pool"). It is funded only
 * by staff transfers from the issuance account that a second staff member approved, within a monthly budget per
 * community; holds reserve their subsidy on it, and the database keeps it from going below zero.
 */
@ApplicationScoped
public class SubsidyPoolService {

    public static final String CAUSE = "POOL_FUNDING";

    private final AccountRepository accounts;
    private final JournalRepository journal;
    private final StaffTransferRepository transfers;
    private final StaffTransferService fourEyes;
    private final AuditService audit;
    private final IdempotentRequests idempotentRequests;
    private final PointsConfig config;

    public SubsidyPoolService(AccountRepository accounts, JournalRepository journal, StaffTransferRepository transfers,
            StaffTransferService fourEyes, AuditService audit, IdempotentRequests idempotentRequests,
            PointsConfig config) {
        this.accounts = accounts;
        this.journal = journal;
        this.transfers = transfers;
        this.fourEyes = fourEyes;
        this.audit = audit;
        this.idempotentRequests = idempotentRequests;
        this.config = config;
    }

    /** Points to move from the issuance account into the pool, and why. */
    public record FundingRequest(long points, String reason) {
    }

    /**
     * A funding and where it stands.
     *
     * @param transactionId the journal transaction that booked it; null until approved
     */
    public record Funding(UUID id, UUID transactionId, String communityId, long points, String reason,
            TransferStatus status, String requestedBy, Instant requestedAt, String approvedBy, Instant decidedAt,
            String decisionReason) {
    }

    /** A funding with every decision about it, oldest first. */
    public record FundingHistory(Funding funding, List<AuditEntry> history) {
    }

    /**
     * The pool now and its month.
     *
     * @param balance posted points in the pool
     * @param reserved subsidy set aside by placed holds
     * @param available what new holds can still reserve: balance minus reserved
     * @param funded approved fundings requested this month
     * @param pending fundings of this month waiting for approval (they count against the budget already)
     * @param remainingBudget what may still be asked for this month
     * @param spent subsidy paid to partners this month
     */
    public record Pool(String communityId, YearMonth month, long balance, long reserved, long available, long budget,
            long funded, long pending, long remainingBudget, long spent) {
    }

    /**
     * Records a funding of the pool, pending until a second staff member approves it. A retry under the same
     * Idempotency-Key gets the first answer.
     *
     * @throws ProblemException 400 IDEMPOTENCY_KEY_REQUIRED; 409 SUBSIDY_BUDGET_EXCEEDED when this month's fundings,
     *         pending ones included, would pass the community's budget
     */
    @Transactional
    public IdempotentRequests.Outcome<Funding> requestFunding(String staffId, String communityId,
            FundingRequest request, String idempotencyKey) {
        long points = request.points();
        String reason = request.reason();
        return idempotentRequests.onceRequired("subsidy-pool-funding", staffId, idempotencyKey, request, Funding.class,
                () -> {
                    Instant now = Instant.now();
                    YearMonth month = YearMonth.from(now.atZone(zone()));
                    lockBudget(communityId, month);
                    long[] totals = totals(communityId, month);
                    long budget = budget(communityId);
                    long remaining = budget - totals[0] - totals[1];
                    if (points > remaining) {
                        throw audit.refused(communityId, TransferKind.POOL_FUNDING, staffId, null, points,
                                budgetExceeded(month, budget, remaining, points));
                    }
                    StaffTransfer funding = new StaffTransfer(UUID.randomUUID(), TransferKind.POOL_FUNDING,
                            communityId, null, points, reason, TransferStatus.PENDING, staffId, now, null, null, null, null);
                    transfers.insert(funding);
                    audit.record(funding, AuditAction.REQUESTED, staffId, reason);
                    return view(funding);
                });
    }

    /** Approves a pending funding as the second staff member: the points move into the pool now, exactly once. */
    @Transactional
    public Funding approve(String checkerId, String communityId, UUID id) {
        return view(fourEyes.approve(TransferKind.POOL_FUNDING, id, checkerId, communityId, this::book));
    }

    @Transactional
    public Funding reject(String checkerId, String communityId, UUID id, String reason) {
        return view(fourEyes.reject(TransferKind.POOL_FUNDING, id, checkerId, communityId, reason));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Funding> list(String communityId, TransferStatus status, UUID before, int limit) {
        return fourEyes.list(TransferKind.POOL_FUNDING, communityId, status, before, limit).stream()
                .map(SubsidyPoolService::view).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public FundingHistory find(String communityId, UUID id) {
        StaffTransfer funding = fourEyes.find(TransferKind.POOL_FUNDING, id, communityId)
                .orElseThrow(() -> StaffTransferService.notFound(TransferKind.POOL_FUNDING));
        List<AuditEntry> history = new ArrayList<>(audit.trail(communityId, id, null, AuditService.MAX_PAGE));
        Collections.reverse(history);
        return new FundingHistory(view(funding), history);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Pool pool(String communityId) {
        Instant now = Instant.now();
        YearMonth month = YearMonth.from(now.atZone(zone()));
        Account pool = accounts.find(AccountKey.subsidyPool(communityId))
                .orElse(new Account(0, AccountKey.subsidyPool(communityId), 0, 0));
        long[] totals = totals(communityId, month);
        long budget = budget(communityId);
        long spent = pool.id() == 0 ? 0 : journal.subsidyPaid(pool.id(), start(month), start(month.plusMonths(1)));
        return new Pool(communityId, month, pool.posted(), pool.held(), pool.available(), budget, totals[0], totals[1],
                Math.max(0, budget - totals[0] - totals[1]), spent);
    }

    /** The community's monthly budget: its own where configured, else the default. */
    long budget(String communityId) {
        Map<String, Long> own = config.subsidy().budgetByCommunity();
        return own.getOrDefault(communityId, config.subsidy().monthlyBudget());
    }

    /** Books an approved funding (issuance → pool) under its own id, maker as actor, checker beside. */
    private void book(StaffTransfer funding, String checkerId) {
        YearMonth month = YearMonth.from(funding.requestedAt().atZone(zone()));
        lockBudget(funding.communityId(), month);
        long budget = budget(funding.communityId());
        long booked = totals(funding.communityId(), month)[0];
        if (booked + funding.points() > budget) { // the budget was lowered since it was asked for
            throw budgetExceeded(month, budget, Math.max(0, budget - booked), funding.points());
        }
        AccountKey pool = AccountKey.subsidyPool(funding.communityId());
        AccountKey issuance = AccountKey.issuance(funding.communityId());
        Map<AccountKey, Account> opened = accounts.openAndLock(List.of(pool, issuance));
        journal.append(List.of(new JournalTransaction(funding.id(), funding.communityId(), TransactionKind.POOL_FUNDING,
                CAUSE, funding.id().toString(), "补贴池拨入：" + funding.reason(), funding.requestedBy(), funding.reason(),
                List.of(Posting.posted(pool, funding.points()), Posting.posted(issuance, -funding.points())),
                checkerId)), opened, Instant.now());
    }

    /** One community's fundings of one month one after the other, so two at once cannot both fit the budget. */
    private void lockBudget(String communityId, YearMonth month) {
        transfers.lockBound("subsidy-budget:" + communityId + ":" + month);
    }

    private long[] totals(String communityId, YearMonth month) {
        return transfers.totals(communityId, TransferKind.POOL_FUNDING, start(month), start(month.plusMonths(1)));
    }

    private Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(zone()).toInstant();
    }

    private ZoneId zone() {
        return config.zone();
    }

    private static ProblemException budgetExceeded(YearMonth month, long budget, long remaining, long points) {
        return ProblemException.conflict("SUBSIDY_BUDGET_EXCEEDED", "The subsidy budget of " + month + " is " + budget
                + " points; " + remaining + " remain, so " + points + " points cannot be added to the pool.")
                .withArgs(month.toString(), budget, remaining, points);
    }

    private static Funding view(StaffTransfer t) {
        return new Funding(t.id(), t.status() == TransferStatus.BOOKED ? t.id() : null, t.communityId(), t.points(),
                t.reason(), t.status(), t.requestedBy(), t.requestedAt(), t.decidedBy(), t.decidedAt(),
                t.decisionReason());
    }
}
