package org.communitypoints.catalog.repository;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.catalog.domain.Reward;
import org.communitypoints.catalog.domain.RewardKind;
import org.hibernate.jpa.HibernateHints;

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

    /** A reward as a redemption copies it: the reward and its partner's name. */
    public record Redeemable(Reward reward, String partnerName) {
    }

    /**
     * The reward and its partner's name in one query, read-only: a redemption copies what it needs from them and
     * changes neither, so the session neither keeps a snapshot of them nor compares them at every flush of the
     * request's transaction (each native statement after it flushes).
     */
    public Optional<Redeemable> redeemable(UUID id) {
        return getEntityManager()
                .createQuery("select r, p.name from Reward r join Partner p on p.id = r.partnerId where r.id = :id",
                        Object[].class)
                .setParameter("id", id)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultStream().findFirst()
                .map(row -> new Redeemable((Reward) row[0], (String) row[1]));
    }

    /** As {@link #redeemable}, for many rewards in one query: the rewards of a batch of requests, by id. */
    public Map<UUID, Redeemable> redeemables(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return getEntityManager()
                .createQuery("select r, p.name from Reward r join Partner p on p.id = r.partnerId where r.id in :ids",
                        Object[].class)
                .setParameter("ids", ids)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultStream()
                .collect(
                        Collectors.toMap(row -> ((Reward) row[0]).id, row -> new Redeemable((Reward) row[0], (String) row[1])));
    }

    /** The community's active rewards, optionally of one kind. */
    public List<Reward> ofCommunity(String communityId, RewardKind kind) {
        if (kind == null) {
            return list("communityId = ?1 and active", Sort.by("kind").and("title"), communityId);
        }
        return list("communityId = ?1 and active and kind = ?2", Sort.by("title"), communityId, kind);
    }
}
