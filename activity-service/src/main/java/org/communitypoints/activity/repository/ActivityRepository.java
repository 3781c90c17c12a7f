package org.communitypoints.activity.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.activity.domain.Activity;
import org.communitypoints.activity.domain.SignUpStatus;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class ActivityRepository implements PanacheRepositoryBase<Activity, UUID> {

    /** The activity, if it belongs to the community: another community's id is as good as unknown. */
    public Optional<Activity> findInCommunity(UUID id, String communityId) {
        return findByIdOptional(id).filter(a -> a.communityId.equals(communityId));
    }

    /** Activities of the community that have not ended yet, soonest first. */
    public List<Activity> upcoming(String communityId, Instant now, int limit) {
        return find("communityId = ?1 and endsAt > ?2", Sort.by("startsAt").and("id"), communityId, now)
                .page(Page.ofSize(limit)).list();
    }

    /** Activities the resident holds an active sign-up for, ending after {@code endsAfter}, soonest first. */
    public List<Activity> signedUpBy(String memberId, String communityId, Instant endsAfter) {
        return find("""
                id in (select s.activityId from SignUp s
                       where s.memberId = ?1 and s.communityId = ?2 and s.status = ?3)
                and endsAt > ?4""", Sort.by("startsAt").and("id"), memberId, communityId, SignUpStatus.SIGNED_UP,
                endsAfter).list();
    }

    /** The secret the activity's check-in codes are derived from; never leaves the service. */
    public byte[] checkInSecret(UUID activityId) {
        return (byte[]) getEntityManager().createNativeQuery("select check_in_secret from activity where id = :id")
                .setParameter("id", activityId).getSingleResult();
    }

    /** Re-reads the place counter that the guarded updates (SignUpRepository) changed behind Hibernate's back. */
    public void refresh(Activity activity) {
        getEntityManager().flush();
        getEntityManager().refresh(activity);
    }
}
