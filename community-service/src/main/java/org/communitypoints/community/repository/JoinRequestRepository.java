package org.communitypoints.community.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.communitypoints.community.domain.JoinRequest;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** Join requests; a decision locks the request first, so two staff members cannot both decide it. */
@ApplicationScoped
public class JoinRequestRepository implements PanacheRepositoryBase<JoinRequest, UUID> {

    public Optional<JoinRequest> lockInCommunity(String communityId, UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).filter(r -> r.communityId().equals(communityId));
    }

    /** @param status null for every request */
    public List<JoinRequest> ofCommunity(String communityId, JoinRequest.Status status, int limit) {
        if (status == null) {
            return find("communityId", Sort.by("createdAt").and("id"), communityId).page(0, limit).list();
        }
        return find("communityId = :c and status = :s", Sort.by("createdAt").and("id"),
                Parameters.with("c", communityId).and("s", status)).page(0, limit).list();
    }

    public Optional<JoinRequest> pendingOf(String memberId) {
        return find("memberId = ?1 and status = ?2", memberId, JoinRequest.Status.PENDING).firstResultOptional();
    }

    /** The member's requests, newest first. */
    public List<JoinRequest> ofMember(String memberId) {
        return list("memberId", Sort.descending("createdAt"), memberId);
    }
}
