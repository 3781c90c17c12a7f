package org.communitypoints.points.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.membership.Membership;
import org.communitypoints.platform.web.Problem;
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
 * Staff corrections of a resident's points: balanced transactions against the community's issuance account, under
 * insider controls (README "Insider controls"): an Idempotency-Key, a bounded amount, a daily total per staff member,
 * never for oneself, and above the approval threshold a second staff member's approval before anything is booked.
 * Every decision goes to the control audit.
 */
@ApplicationScoped
public class AdjustmentService {

    public static final String CAUSE = "ADJUSTMENT";

    private final AccountRepository accounts;
    private final JournalRepository journal;
    private final StaffTransferRepository transfers;
    private final StaffTransferService fourEyes;
    private final AuditService audit;
    private final IdempotentRequests idempotentRequests;
    private final PointsConfig config;
    private final Membership membership;

    public AdjustmentService(AccountRepository accounts, JournalRepository journal, StaffTransferRepository transfers,
            StaffTransferService fourEyes, AuditService audit, IdempotentRequests idempotentRequests,
            PointsConfig config, Membership membership) {
        this.membership = membership;
        this.accounts = accounts;
        this.journal = journal;
        this.transfers = transfers;
        this.fourEyes = fourEyes;
        this.audit = audit;
        this.idempotentRequests = idempotentRequests;
        this.config = config;
    }

    public record Adjustment(String memberId, long points, String reason) {
    }

    /**
     * An adjustment and where it stands.
     *
     * @param transactionId the journal transaction that booked it; null until it is booked
     * @param approvedBy the second staff member who approved or rejected it; null while pending and when it was
     *        booked at once
     * @param posted the resident's points right after booking it (null unless booked by this request)
     */
    public record Adjusted(UUID id, UUID transactionId, String communityId, String memberId, long points,
            String reason, TransferStatus status, String requestedBy, Instant requestedAt, String approvedBy,
            Instant decidedAt, String decisionReason, Long posted, Long held, Long available) {
    }

    /** An adjustment with every decision about it, oldest first. */
    public record AdjustmentHistory(Adjusted adjustment, List<AuditEntry> history) {
    }

    /**
     * Books the adjustment, or, above the approval threshold, records it as pending for a second staff member. A
     * retry under the same Idempotency-Key gets the first answer.
     *
     * @throws ProblemException 400 IDEMPOTENCY_KEY_REQUIRED, ZERO_ADJUSTMENT, ADJUSTMENT_TOO_LARGE; 403
     *         SELF_ADJUSTMENT_FORBIDDEN; 422 MEMBER_NOT_REGISTERED, MEMBER_MOVED_OUT; 409 ADJUSTMENT_DAILY_LIMIT,
     *         INSUFFICIENT_POINTS
     */
    @Transactional
    public IdempotentRequests.Outcome<Adjusted> adjust(String staffId, String communityId, Adjustment request,
            String idempotencyKey) {
        if (request.points() == 0) {
            throw ProblemException.badRequest("ZERO_ADJUSTMENT", "An adjustment must add or take off at least one point.");
        }
        return idempotentRequests.onceRequired("points-adjustment", staffId, idempotencyKey, request, Adjusted.class,
                () -> request(staffId, communityId, request));
    }

    private Adjusted request(String staffId, String communityId, Adjustment request) {
        long size = Math.abs(request.points());
        if (request.memberId().equals(staffId)) {
            throw refused(staffId, communityId, request, StaffTransferService.selfAdjustment());
        }
        if (size > config.adjustment().maxPoints()) {
            throw refused(staffId, communityId, request, new ProblemException(400, "ADJUSTMENT_TOO_LARGE",
                    "Bad Request", "One adjustment may add or take off at most " + config.adjustment().maxPoints()
                            + " points.",
                    List.of(new Problem.FieldError("points", "at most " + config.adjustment().maxPoints())))
                    .withArgs(config.adjustment().maxPoints()));
        }
        try {
            // points go only to a resident the registry knows in this community, never to a typo or a stranger
            membership.requireActive(communityId, request.memberId());
        } catch (ProblemException notAMember) {
            throw refused(staffId, communityId, request, notAMember);
        }
        Instant now = Instant.now();
        LocalDate today = LocalDate.ofInstant(now, config.zone());
        // one staff member's requests of the day one after the other, so two at once cannot both pass the bound
        transfers.lockBound("adjustments:" + staffId + ":" + today);
        long adjustedToday = transfers.adjustedBy(staffId, today.atStartOfDay(config.zone()).toInstant(),
                today.plusDays(1).atStartOfDay(config.zone()).toInstant());
        long limit = config.adjustment().dailyLimitPerStaff();
        if (adjustedToday + size > limit) {
            throw refused(staffId, communityId, request, ProblemException.conflict("ADJUSTMENT_DAILY_LIMIT",
                    "You have adjusted " + adjustedToday + " points today; with these " + size
                            + " you would pass the daily limit of " + limit + " points per staff member.")
                    .withArgs(adjustedToday, size, limit));
        }
        String reason = request.reason().strip();
        UUID id = UUID.randomUUID();
        if (size > config.adjustment().approvalThreshold()) {
            StaffTransfer pending = new StaffTransfer(id, TransferKind.ADJUSTMENT, communityId, request.memberId(),
                    request.points(), reason, TransferStatus.PENDING, staffId, now, null, null, null, null);
            transfers.insert(pending);
            audit.record(pending, AuditAction.REQUESTED, staffId, reason);
            return view(pending, null);
        }
        StaffTransfer booked = new StaffTransfer(id, TransferKind.ADJUSTMENT, communityId, request.memberId(),
                request.points(), reason, TransferStatus.BOOKED, staffId, now, null, now, null, null);
        transfers.insert(booked);
        Account after = book(booked, null);
        audit.record(booked, AuditAction.BOOKED, staffId, reason);
        return view(booked, after);
    }

    private ProblemException refused(String staffId, String communityId, Adjustment request, ProblemException refusal) {
        return audit.refused(communityId, TransferKind.ADJUSTMENT, staffId, request.memberId(), request.points(),
                refusal);
    }

    /**
     * Approves a pending adjustment as the second staff member: it is booked now, exactly once, if the resident is
     * still an active member (one who moved out meanwhile is refused, 422 MEMBER_MOVED_OUT, and it stays pending for a
     * rejection).
     */
    @Transactional
    public Adjusted approve(String checkerId, String communityId, UUID id) {
        Account[] after = new Account[1];
        StaffTransfer booked = fourEyes.approve(TransferKind.ADJUSTMENT, id, checkerId, communityId,
                (transfer, checker) -> {
                    membership.requireActive(communityId, transfer.memberId());
                    after[0] = book(transfer, checker);
                });
        return view(booked, after[0]);
    }

    /** Turns a pending adjustment down as the second staff member: nothing is booked. */
    @Transactional
    public Adjusted reject(String checkerId, String communityId, UUID id, String reason) {
        return view(fourEyes.reject(TransferKind.ADJUSTMENT, id, checkerId, communityId, reason), null);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Adjusted> list(String communityId, TransferStatus status, UUID before, int limit) {
        return fourEyes.list(TransferKind.ADJUSTMENT, communityId, status, before, limit).stream()
                .map(t -> view(t, null)).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AdjustmentHistory find(String communityId, UUID id) {
        StaffTransfer transfer = fourEyes.find(TransferKind.ADJUSTMENT, id, communityId)
                .orElseThrow(() -> StaffTransferService.notFound(TransferKind.ADJUSTMENT));
        List<AuditEntry> history = new ArrayList<>(audit.trail(communityId, id, null, AuditService.MAX_PAGE));
        Collections.reverse(history);
        return new AdjustmentHistory(view(transfer, null), history);
    }

    /** Books the adjustment under its own id, the maker as actor and the checker (if any) beside. */
    private Account book(StaffTransfer adjustment, String checkerId) {
        AccountKey resident = AccountKey.resident(adjustment.communityId(), adjustment.memberId());
        AccountKey issuance = AccountKey.issuance(adjustment.communityId());
        Map<AccountKey, Account> opened = accounts.openAndLock(List.of(resident, issuance));
        Account before = opened.get(resident);
        if (before.available() + adjustment.points() < 0) {
            throw ProblemException.conflict(HoldService.INSUFFICIENT_POINTS, "This resident has " + before.available()
                    + " points available, so " + (-adjustment.points()) + " points cannot be taken off.")
                    .withMessage("INSUFFICIENT_POINTS.adjustment", before.available(), -adjustment.points());
        }
        journal.append(List.of(new JournalTransaction(adjustment.id(), adjustment.communityId(),
                TransactionKind.ADJUSTMENT, CAUSE, adjustment.id().toString(), "人工调整：" + adjustment.reason(),
                adjustment.requestedBy(), adjustment.reason(),
                List.of(Posting.posted(resident, adjustment.points()), Posting.posted(issuance, -adjustment.points())),
                checkerId)), opened, Instant.now());
        return new Account(before.id(), resident, before.posted() + adjustment.points(), before.pending());
    }

    private static Adjusted view(StaffTransfer t, Account after) {
        return new Adjusted(t.id(), t.status() == TransferStatus.BOOKED ? t.id() : null, t.communityId(), t.memberId(),
                t.points(), t.reason(), t.status(), t.requestedBy(), t.requestedAt(), t.decidedBy(), t.decidedAt(),
                t.decisionReason(), after == null ? null : after.posted(), after == null ? null : after.held(),
                after == null ? null : after.available());
    }
}
