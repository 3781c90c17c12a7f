package org.communitypoints.activity.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.communitypoints.activity.domain.ActivityKind;
import org.communitypoints.activity.domain.PointsRule;

@ApplicationScoped
public class KindRepository {

    private final EntityManager em;

    public KindRepository(EntityManager em) {
        this.em = em;
    }

    public void persist(Object entity) {
        em.persist(entity);
    }

    public Optional<ActivityKind> find(UUID id) {
        return Optional.ofNullable(em.find(ActivityKind.class, id));
    }

    /** Serialises rule changes of one kind. */
    public Optional<ActivityKind> lock(UUID id) {
        return Optional.ofNullable(em.find(ActivityKind.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public boolean codeTaken(String communityId, String code) {
        return !em.createQuery("select k.id from ActivityKind k where k.communityId = :c and k.code = :code")
                .setParameter("c", communityId).setParameter("code", code).setMaxResults(1)
                .getResultList().isEmpty();
    }

    public List<ActivityKind> inCommunity(String communityId) {
        return em.createQuery("from ActivityKind k where k.communityId = :c order by k.name", ActivityKind.class)
                .setParameter("c", communityId).getResultList();
    }

    /** The version in force at {@code at}: the latest whose validity began at or before it. */
    public Optional<PointsRule> ruleInForce(UUID kindId, Instant at) {
        return em.createQuery("""
                from PointsRule r where r.kindId = :k and r.validFrom <= :at
                order by r.validFrom desc""", PointsRule.class)
                .setParameter("k", kindId).setParameter("at", at).setMaxResults(1)
                .getResultStream().findFirst();
    }

    public Optional<PointsRule> rule(UUID kindId, int version) {
        return em.createQuery("from PointsRule r where r.kindId = :k and r.version = :v", PointsRule.class)
                .setParameter("k", kindId).setParameter("v", version).getResultStream().findFirst();
    }

    public List<PointsRule> rules(UUID kindId) {
        return em.createQuery("from PointsRule r where r.kindId = :k order by r.version", PointsRule.class)
                .setParameter("k", kindId).getResultList();
    }
}
