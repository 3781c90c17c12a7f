package org.communitypoints.activity.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.communitypoints.activity.rest.ActivityViews.MySignUp;
import org.communitypoints.activity.rest.ActivityViews.RosterSignUp;

/**
 * Sign-ups and the activity's place counter, in SQL so that the database decides races: the partial unique
 * index allows one active sign-up per resident and activity, and the guarded update never passes capacity.
 */
@ApplicationScoped
public class SignUpRepository {

    private final EntityManager em;

    public SignUpRepository(EntityManager em) {
        this.em = em;
    }

    /** @return false when the resident already holds an active sign-up for the activity */
    public boolean insert(UUID id, UUID activityId, String communityId, String memberId, Instant at) {
        return em.createNativeQuery("""
                insert into sign_up (id, activity_id, community_id, member_id, status, signed_up_at)
                values (:id, :a, :c, :m, 'SIGNED_UP', :at)
                on conflict (activity_id, member_id) where status = 'SIGNED_UP' do nothing""")
                .setParameter("id", id).setParameter("a", activityId).setParameter("c", communityId)
                .setParameter("m", memberId).setParameter("at", Timestamp.from(at))
                .executeUpdate() == 1;
    }

    /** @return false when no place is left (the row lock makes concurrent callers re-check in turn) */
    public boolean takePlace(UUID activityId) {
        return em.createNativeQuery(
                "update activity set signed_up = signed_up + 1 where id = :a and signed_up < capacity")
                .setParameter("a", activityId).executeUpdate() == 1;
    }

    /** @return false when the resident had no active sign-up */
    public boolean withdraw(UUID activityId, String memberId, Instant at) {
        return em.createNativeQuery("""
                update sign_up set status = 'WITHDRAWN', withdrawn_at = :at
                where activity_id = :a and member_id = :m and status = 'SIGNED_UP'""")
                .setParameter("a", activityId).setParameter("m", memberId).setParameter("at", Timestamp.from(at))
                .executeUpdate() == 1;
    }

    public void releasePlace(UUID activityId) {
        em.createNativeQuery("update activity set signed_up = signed_up - 1 where id = :a and signed_up > 0")
                .setParameter("a", activityId).executeUpdate();
    }

    public boolean isSignedUp(UUID activityId, String memberId) {
        return !em.createNativeQuery("""
                select 1 from sign_up where activity_id = :a and member_id = :m and status = 'SIGNED_UP'""")
                .setParameter("a", activityId).setParameter("m", memberId).getResultList().isEmpty();
    }

    @SuppressWarnings("unchecked")
    public List<RosterSignUp> roster(UUID activityId) {
        List<Object[]> rows = em.createNativeQuery("""
                select member_id, signed_up_at from sign_up
                where activity_id = :a and status = 'SIGNED_UP' order by signed_up_at, member_id""")
                .setParameter("a", activityId).getResultList();
        return rows.stream().map(r -> new RosterSignUp((String) r[0], instant(r[1]))).toList();
    }

    @SuppressWarnings("unchecked")
    public List<MySignUp> upcomingFor(String memberId, String communityId, Instant now) {
        List<Object[]> rows = em.createNativeQuery("""
                select a.id, a.title, a.place, a.starts_at, a.ends_at
                from sign_up s join activity a on a.id = s.activity_id
                where s.member_id = :m and s.community_id = :c and s.status = 'SIGNED_UP' and a.ends_at > :now
                order by a.starts_at, a.id""")
                .setParameter("m", memberId).setParameter("c", communityId).setParameter("now", Timestamp.from(now))
                .getResultList();
        return rows.stream().map(r -> new MySignUp((UUID) r[0], (String) r[1], (String) r[2], instant(r[3]),
                instant(r[4]))).toList();
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + value.getClass());
    }
}
