package org.communitypoints.community.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.community.repository.AuditRepository;

/** The registry's audit as staff read it: every change, who made it and when, newest first. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AuditService {

    /** One change. */
    public record AuditEntry(long id, String subjectType, String subjectId, String memberId, String action,
            String detail, String actor, Instant at) {
    }

    /** A page; {@code nextBefore} asks for the next (older) page, null at the end. */
    public record AuditPage(List<AuditEntry> entries, Long nextBefore) {
    }

    private final AuditRepository audit;

    public AuditService(AuditRepository audit) {
        this.audit = audit;
    }

    public AuditPage page(String communityId, String memberId, String subjectId, Long before, int limit) {
        List<AuditEntry> entries = audit.page(communityId, memberId, subjectId, before, limit).stream()
                .map(r -> new AuditEntry(r.id(), r.subjectType().name(), r.subjectId(), r.memberId(), r.action(),
                        r.detail(), r.actor(), r.at()))
                .toList();
        return new AuditPage(entries, entries.size() < limit ? null : entries.get(entries.size() - 1).id());
    }
}
