package org.communitypoints.catalog.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.catalog.domain.Reward;
import org.communitypoints.catalog.domain.RewardKind;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

/** The rewards of a community's catalog. Their counters change by guarded SQL in {@link CapacityRepository}. */
@ApplicationScoped
public class RewardRepository implements PanacheRepositoryBase<Reward, UUID> {

    /** The reward as the database has it now (stock changes by SQL, not through the entity). */
    public Optional<Reward> fresh(UUID id) {
        Optional<Reward> reward = findByIdOptional(id);
        reward.ifPresent(getEntityManager()::refresh);
        return reward;
    }

    /** The community's active rewards, optionally of one kind. */
    public List<Reward> ofCommunity(String communityId, RewardKind kind) {
        if (kind == null) {
            return list("communityId = ?1 and active", Sort.by("kind").and("title"), communityId);
        }
        return list("communityId = ?1 and active and kind = ?2", Sort.by("title"), communityId, kind);
    }
}
