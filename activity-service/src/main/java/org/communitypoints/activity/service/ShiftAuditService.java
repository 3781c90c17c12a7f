package org.communitypoints.activity.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.activity.domain.AuditAction;
import org.communitypoints.activity.domain.VerificationMethod;
import org.communitypoints.activity.repository.ShiftAuditRepository;
import org.communitypoints.activity.repository.ShiftRepository;
import org.communitypoints.platform.web.Caller;

/** A shift's audit trail, for staff of its community: who recorded, who confirmed and how, who verified, when. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ShiftAuditService {

    private final ShiftRepository shifts;
    private final ShiftAuditRepository audit;
    private final Caller caller;

    public ShiftAuditService(ShiftRepository shifts, ShiftAuditRepository audit, Caller caller) {
        this.shifts = shifts;
        this.audit = audit;
        this.caller = caller;
    }

    public record AuditLine(long seq, AuditAction action, String actor, VerificationMethod method, Long points,
            Instant at) {
    }

    public List<AuditLine> trail(UUID shiftId) {
        shifts.findInCommunity(shiftId, caller.communityId()).orElseThrow(NotFound::shift);
        return audit.ofShift(shiftId).stream()
                .map(a -> new AuditLine(a.seq, a.action, a.actor, a.method, a.points, a.at)).toList();
    }
}
