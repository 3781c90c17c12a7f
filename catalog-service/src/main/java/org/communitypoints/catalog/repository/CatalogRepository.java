package org.communitypoints.catalog.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.communitypoints.catalog.domain.ClassSession;
import org.communitypoints.catalog.domain.Partner;
import org.communitypoints.catalog.domain.Reward;
import org.communitypoints.catalog.domain.RewardKind;

/** Partners, rewards and class sessions of a community. */
@ApplicationScoped
public class CatalogRepository {

    private final EntityManager em;

    public CatalogRepository(EntityManager em) {
        this.em = em;
    }

    public void persist(Object entity) {
        em.persist(entity);
    }

    public Optional<Partner> partner(String id) {
        return Optional.ofNullable(em.find(Partner.class, id));
    }

    public List<Partner> partners(String communityId) {
        return em.createQuery("from Partner where communityId = :c order by name", Partner.class)
                .setParameter("c", communityId).getResultList();
    }

    public Optional<Reward> reward(UUID id) {
        return Optional.ofNullable(em.find(Reward.class, id));
    }

    /** The reward as the database has it now (stock changes by SQL, not through the entity). */
    public Optional<Reward> freshReward(UUID id) {
        Reward reward = em.find(Reward.class, id);
        if (reward != null) {
            em.refresh(reward);
        }
        return Optional.ofNullable(reward);
    }

    public List<Reward> rewards(String communityId, RewardKind kind) {
        if (kind == null) {
            return em.createQuery("from Reward where communityId = :c and active order by kind, title", Reward.class)
                    .setParameter("c", communityId).getResultList();
        }
        return em.createQuery("from Reward where communityId = :c and active and kind = :kind order by title", Reward.class)
                .setParameter("c", communityId).setParameter("kind", kind).getResultList();
    }

    public Optional<ClassSession> session(UUID id) {
        return Optional.ofNullable(em.find(ClassSession.class, id));
    }

    /** Sessions not yet over, earliest first, with their current seat counts. */
    public List<ClassSession> upcomingSessions(UUID rewardId, Instant now) {
        List<ClassSession> sessions = em.createQuery("""
                from ClassSession where rewardId = :r and endsAt > :now order by startsAt""", ClassSession.class)
                .setParameter("r", rewardId).setParameter("now", now).getResultList();
        sessions.forEach(em::refresh);
        return sessions;
    }
}
