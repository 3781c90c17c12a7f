package org.communitypoints.community.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.communitypoints.community.domain.ProxyGrant;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

/** Proxy grants; a revocation locks the grant first, so its version rises once. */
@ApplicationScoped
public class ProxyGrantRepository implements PanacheRepositoryBase<ProxyGrant, UUID> {

    public Optional<ProxyGrant> lockOfMember(String communityId, String memberId, UUID grantId) {
        return findByIdOptional(grantId, LockModeType.PESSIMISTIC_WRITE)
                .filter(g -> g.communityId().equals(communityId) && g.memberId().equals(memberId));
    }

    /** Every grant the member gave, newest first. */
    public List<ProxyGrant> givenBy(String memberId) {
        return list("memberId", Sort.descending("createdAt"), memberId);
    }

    /** Grants to the proxy that stand at {@code at}: not revoked, not expired. */
    public List<ProxyGrant> standingFor(String proxyId, Instant at) {
        return list("proxyId = ?1 and revokedAt is null and validUntil > ?2", Sort.by("memberId"), proxyId, at);
    }

    /** Standing grants of the member to that proxy (at most one, by the service's rule). */
    public List<ProxyGrant> standing(String memberId, String proxyId, Instant at) {
        return list("memberId = ?1 and proxyId = ?2 and revokedAt is null and validUntil > ?3", memberId, proxyId, at);
    }

    /** The member's grants that are not revoked, locked for revoking them all (moving out). */
    public List<ProxyGrant> lockUnrevokedOf(String memberId) {
        return find("memberId = ?1 and revokedAt is null", memberId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** Grants naming the proxy that are not revoked, locked for revoking them all (the proxy moved out). */
    public List<ProxyGrant> lockUnrevokedTo(String proxyId) {
        return find("proxyId = ?1 and revokedAt is null", proxyId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
