package org.communitypoints.activity.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.communitypoints.activity.domain.ActivityKind;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class KindRepository implements PanacheRepositoryBase<ActivityKind, UUID> {

    /** The kind, if it belongs to the community: another community's id is as good as unknown. */
    public Optional<ActivityKind> findInCommunity(UUID id, String communityId) {
        return findByIdOptional(id).filter(k -> k.communityId.equals(communityId));
    }

    /** Serialises rule changes of one kind. */
    public Optional<ActivityKind> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public boolean codeTaken(String communityId, String code) {
        return count("communityId = ?1 and code = ?2", communityId, code) > 0;
    }

    public List<ActivityKind> inCommunity(String communityId) {
        return list("communityId", Sort.by("name"), communityId);
    }
}
