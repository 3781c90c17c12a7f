package org.communitypoints.activity.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.activity.domain.SignUp;
import org.communitypoints.activity.domain.SignUpStatus;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

/**
 * Sign-ups and the activity's place counter. The writes are SQL so that the database decides races: the
 * partial unique index allows one active sign-up per resident and activity, and the guarded update never
 * passes capacity.
 */
@ApplicationScoped
public class SignUpRepository implements PanacheRepositoryBase<SignUp, UUID> {

    /** @return false when the resident already holds an active sign-up for the activity */
    /** @param actedBy the proxy who signed the resident up; null when they signed up themself */
    public boolean insert(UUID id, UUID activityId, String communityId, String memberId, String actedBy, Instant at) {
        return getEntityManager().createNativeQuery("""
                insert into sign_up (id, activity_id, community_id, member_id, acted_by, status, signed_up_at)
                values (:id, :a, :c, :m, :by, 'SIGNED_UP', :at)
                on conflict (activity_id, member_id) where status = 'SIGNED_UP' do nothing""")
                .setParameter("id", id).setParameter("a", activityId).setParameter("c", communityId)
                .setParameter("m", memberId).setParameter("by", actedBy).setParameter("at", Timestamp.from(at))
                .executeUpdate() == 1;
    }

    /** @return false when no place is left (the row lock makes concurrent callers re-check in turn) */
    public boolean takePlace(UUID activityId) {
        return getEntityManager().createNativeQuery(
                "update activity set signed_up = signed_up + 1 where id = :a and signed_up < capacity")
                .setParameter("a", activityId).executeUpdate() == 1;
    }

    /** @return false when the resident had no active sign-up */
    public boolean withdraw(UUID activityId, String memberId, Instant at) {
        return getEntityManager().createNativeQuery("""
                update sign_up set status = 'WITHDRAWN', withdrawn_at = :at
                where activity_id = :a and member_id = :m and status = 'SIGNED_UP'""")
                .setParameter("a", activityId).setParameter("m", memberId).setParameter("at", Timestamp.from(at))
                .executeUpdate() == 1;
    }

    public void releasePlace(UUID activityId) {
        getEntityManager()
                .createNativeQuery("update activity set signed_up = signed_up - 1 where id = :a and signed_up > 0")
                .setParameter("a", activityId).executeUpdate();
    }

    public boolean isSignedUp(UUID activityId, String memberId) {
        return count("activityId = ?1 and memberId = ?2 and status = ?3", activityId, memberId,
                SignUpStatus.SIGNED_UP) > 0;
    }

    /** The activity's active sign-ups, first come first. */
    public List<SignUp> active(UUID activityId) {
        return list("activityId = ?1 and status = ?2", Sort.by("signedUpAt").and("memberId"), activityId,
                SignUpStatus.SIGNED_UP);
    }
}
