package org.communitypoints.activity.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.communitypoints.activity.domain.Activity;

@ApplicationScoped
public class ActivityRepository {

    private final EntityManager em;

    public ActivityRepository(EntityManager em) {
        this.em = em;
    }

    public void persist(Activity activity) {
        em.persist(activity);
    }

    public Optional<Activity> find(UUID id) {
        return Optional.ofNullable(em.find(Activity.class, id));
    }

    /** Activities of the community that have not ended yet, soonest first. */
    public List<Activity> upcoming(String communityId, Instant now, int limit) {
        return em.createQuery("""
                from Activity a where a.communityId = :c and a.endsAt > :now order by a.startsAt, a.id""",
                Activity.class)
                .setParameter("c", communityId).setParameter("now", now).setMaxResults(limit).getResultList();
    }

    /** Re-reads the counter the guarded updates changed behind Hibernate's back. */
    public void refresh(Activity activity) {
        em.flush();
        em.refresh(activity);
    }
}
