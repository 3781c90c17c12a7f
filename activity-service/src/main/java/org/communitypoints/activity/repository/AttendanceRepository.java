package org.communitypoints.activity.repository;

import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.activity.domain.Attendance;
import org.hibernate.Session;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AttendanceRepository implements PanacheRepositoryBase<Attendance, Attendance.Key> {

    /**
     * Records the resident's attendance unless it is already recorded: the primary key decides, also between
     * concurrent scans (the second waits for the first and then inserts nothing).
     *
     * @return true when this call recorded it
     */
    public boolean insert(Attendance a) {
        int inserted = getEntityManager().unwrap(Session.class).createNativeMutationQuery("""
                insert into attendance (activity_id, member_id, community_id, confirmed_at)
                values (:a, :m, :c, :at)
                on conflict do nothing""")
                .setParameter("a", a.activityId).setParameter("m", a.memberId).setParameter("c", a.communityId)
                .setParameter("at", Timestamp.from(a.confirmedAt))
                .executeUpdate();
        return inserted == 1;
    }

    public Optional<Attendance> of(UUID activityId, String memberId) {
        return findByIdOptional(new Attendance.Key(activityId, memberId));
    }
}
