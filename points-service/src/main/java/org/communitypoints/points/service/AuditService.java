package org.communitypoints.points.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.points.domain.AuditAction;
import org.communitypoints.points.domain.AuditEntry;
import org.communitypoints.points.domain.StaffTransfer;
import org.communitypoints.points.domain.TransferKind;
import org.communitypoints.points.repository.AuditRepository;

/** The control audit: every decision about a staff transfer, readable by the staff of its community. */
@ApplicationScoped
public class AuditService {

    public static final int MAX_PAGE = 200;

    private final AuditRepository audit;

    public AuditService(AuditRepository audit) {
        this.audit = audit;
    }

    /** Records a decision in the caller's transaction: it is in the trail exactly when the decision took effect. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(StaffTransfer transfer, AuditAction action, String actor, String reason) {
        audit.append(new AuditEntry(0, transfer.communityId(), transfer.kind(), transfer.id(), action, actor,
                transfer.memberId(), transfer.points(), null, reason, null));
    }

    /**
     * Records a request a bound refused, in a transaction of its own: the refusal rolls the request back, and the
     * trail must still show that it was tried.
     *
     * @return the refusal, to throw
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public ProblemException refused(String communityId, TransferKind kind, String actor, String memberId, long points,
            ProblemException refusal) {
        audit.append(new AuditEntry(0, communityId, kind, null, AuditAction.REFUSED, actor, memberId, points,
                refusal.code(), refusal.detail(), null));
        return refusal;
    }

    /** The community's trail, newest first; of one transfer when {@code transferId} is given. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEntry> trail(String communityId, UUID transferId, Long beforeSequence, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ProblemException.badRequest("INVALID_LIMIT", "limit must be between 1 and " + MAX_PAGE + ".")
                    .withArgs(MAX_PAGE);
        }
        return audit.list(communityId, transferId, beforeSequence, limit);
    }
}
