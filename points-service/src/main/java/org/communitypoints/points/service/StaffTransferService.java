package org.communitypoints.points.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.points.domain.AuditAction;
import org.communitypoints.points.domain.StaffTransfer;
import org.communitypoints.points.domain.TransferKind;
import org.communitypoints.points.domain.TransferStatus;
import org.communitypoints.points.repository.StaffTransferRepository;

/**
 * Maker-checker for staff transfers, written once for adjustments and pool fundings: a pending transfer is booked
 * only when a second staff member of its community approves it, exactly once however many approve at the same time
 * (the transfer row is locked; its id is the journal transaction's), or is rejected with a reason.
 */
@ApplicationScoped
public class StaffTransferService {

    public static final int MAX_PAGE = 200;

    private final StaffTransferRepository transfers;
    private final AuditService audit;

    public StaffTransferService(StaffTransferRepository transfers, AuditService audit) {
        this.transfers = transfers;
        this.audit = audit;
    }

    /** Books an approved transfer in the journal, with the checker beside the maker. */
    @FunctionalInterface
    public interface Booking {
        void book(StaffTransfer transfer, String checkerId);
    }

    /**
     * @throws ProblemException 404 when there is no such transfer of this kind in the checker's community, 403
     *         SECOND_PERSON_REQUIRED when the checker asked for it, 403 SELF_ADJUSTMENT_FORBIDDEN when it adjusts the
     *         checker, 409 ALREADY_DECIDED when it is not pending any more
     */
    @Transactional
    public StaffTransfer approve(TransferKind kind, UUID id, String checkerId, String communityId, Booking booking) {
        StaffTransfer transfer = pending(kind, id, checkerId, communityId);
        booking.book(transfer, checkerId);
        Instant now = Instant.now();
        transfers.decide(id, TransferStatus.BOOKED, checkerId, null, now);
        StaffTransfer booked = transfers.find(id).orElseThrow();
        audit.record(booked, AuditAction.APPROVED, checkerId, null);
        return booked;
    }

    /** As {@link #approve}, but turns the transfer down: nothing is booked. */
    @Transactional
    public StaffTransfer reject(TransferKind kind, UUID id, String checkerId, String communityId, String reason) {
        pending(kind, id, checkerId, communityId);
        transfers.decide(id, TransferStatus.REJECTED, checkerId, reason, Instant.now());
        StaffTransfer rejected = transfers.find(id).orElseThrow();
        audit.record(rejected, AuditAction.REJECTED, checkerId, reason);
        return rejected;
    }

    private StaffTransfer pending(TransferKind kind, UUID id, String checkerId, String communityId) {
        StaffTransfer transfer = transfers.lock(id).filter(t -> t.kind() == kind && t.communityId().equals(communityId))
                .orElseThrow(() -> notFound(kind));
        if (transfer.requestedBy().equals(checkerId)) {
            throw ProblemException.forbidden("SECOND_PERSON_REQUIRED",
                    "You asked for this yourself: a second staff member of your community must approve or reject it.");
        }
        if (checkerId.equals(transfer.memberId())) {
            throw selfAdjustment();
        }
        if (transfer.status() != TransferStatus.PENDING) {
            throw ProblemException.conflict("ALREADY_DECIDED", "This was already decided: it is " + transfer.status()
                    + (transfer.decidedBy() == null ? "." : " by " + transfer.decidedBy() + "."))
                    .withArgs(transfer.status().name());
        }
        return transfer;
    }

    /** The transfer if it is of this kind and community; another community's ids are not confirmed to exist. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<StaffTransfer> find(TransferKind kind, UUID id, String communityId) {
        return transfers.find(id).filter(t -> t.kind() == kind && t.communityId().equals(communityId));
    }

    /** A page of the community's transfers of a kind, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StaffTransfer> list(TransferKind kind, String communityId, TransferStatus status, UUID before,
            int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ProblemException.badRequest("INVALID_LIMIT", "limit must be between 1 and " + MAX_PAGE + ".")
                    .withArgs(MAX_PAGE);
        }
        Instant beforeAt = null;
        if (before != null) {
            beforeAt = find(kind, before, communityId).map(StaffTransfer::requestedAt)
                    .orElseThrow(() -> ProblemException.badRequest("INVALID_CURSOR",
                            "This page link is not valid. Please open the list from its first page."));
        }
        return transfers.list(communityId, kind, status, beforeAt, before, limit);
    }

    static ProblemException notFound(TransferKind kind) {
        return switch (kind) {
            case ADJUSTMENT -> ProblemException.notFound("ADJUSTMENT_NOT_FOUND",
                    "Your community has no adjustment with this id.");
            case REVERSAL -> ProblemException.notFound("REVERSAL_NOT_FOUND", "Your community has no reversal with this id.");
            default -> ProblemException.notFound("FUNDING_NOT_FOUND", "Your community has no pool funding with this id.");
        };
    }

    static ProblemException selfAdjustment() {
        return ProblemException.forbidden("SELF_ADJUSTMENT_FORBIDDEN",
                "Staff cannot adjust their own points: ask a colleague to do it.");
    }
}
