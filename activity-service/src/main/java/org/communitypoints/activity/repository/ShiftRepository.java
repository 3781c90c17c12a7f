package org.communitypoints.activity.repository;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.communitypoints.activity.domain.Shift;
import org.communitypoints.activity.domain.ShiftCorrection;
import org.hibernate.Session;

@ApplicationScoped
public class ShiftRepository {

    private final EntityManager em;

    public ShiftRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Inserts a new shift unless it overlaps another live shift of the same resident: the exclusion
     * constraint decides (also between concurrent requests) and ON CONFLICT turns its refusal into false.
     */
    public boolean insert(Shift s) {
        int inserted = em.unwrap(Session.class).createNativeMutationQuery("""
                insert into shift (id, community_id, activity_id, kind_id, member_id, walk_in, status, started_at,
                                   ended_at, minutes, served_on, recorded_by, recorded_at)
                values (:id, :c, :a, :k, :m, :walkIn, :status, :started, :ended, :minutes, :servedOn, :by, :at)
                on conflict do nothing""")
                .setParameter("id", s.id).setParameter("c", s.communityId).setParameter("a", s.activityId)
                .setParameter("k", s.kindId).setParameter("m", s.memberId).setParameter("walkIn", s.walkIn)
                .setParameter("status", s.status.name()).setParameter("started", Timestamp.from(s.startedAt))
                .setParameter("ended", s.endedAt == null ? null : Timestamp.from(s.endedAt), Timestamp.class)
                .setParameter("minutes", s.minutes, Integer.class).setParameter("servedOn", s.servedOn)
                .setParameter("by", s.recordedBy).setParameter("at", Timestamp.from(s.recordedAt))
                .executeUpdate();
        return inserted == 1;
    }

    public Optional<Shift> find(UUID id) {
        return Optional.ofNullable(em.find(Shift.class, id));
    }

    public Optional<Shift> lock(UUID id) {
        return Optional.ofNullable(em.find(Shift.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public void flush() {
        em.flush();
    }

    public List<Shift> ofActivity(UUID activityId) {
        return em.createQuery("from Shift s where s.activityId = :a order by s.startedAt, s.memberId", Shift.class)
                .setParameter("a", activityId).getResultList();
    }

    public List<Shift> ofMember(String memberId, String communityId) {
        return em.createQuery("""
                from Shift s where s.memberId = :m and s.communityId = :c order by s.startedAt desc, s.id""",
                Shift.class)
                .setParameter("m", memberId).setParameter("c", communityId).getResultList();
    }

    /**
     * Serialises everything that counts one resident's points of one day (verifications and corrections),
     * so two concurrent verifications cannot both pass the daily cap. Always taken after the shift's row lock.
     */
    public void lockMemberDay(String memberId, LocalDate day) {
        em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtextextended(:k, 0))) l")
                .setParameter("k", "shift-day|" + memberId + "|" + day).getSingleResult();
    }

    /** Current points (after corrections) of the resident's verified shifts of a kind on a day. */
    public long pointsOfDay(String memberId, LocalDate day, UUID kindId) {
        Number sum = (Number) em.createNativeQuery("""
                select coalesce(sum(coalesce(c.corrected_points, s.points)), 0)
                from shift s
                left join lateral (select corrected_points from shift_correction
                                   where shift_id = s.id order by sequence desc limit 1) c on true
                where s.member_id = :m and s.served_on = :d and s.kind_id = :k and s.status = 'VERIFIED'""")
                .setParameter("m", memberId).setParameter("d", day).setParameter("k", kindId).getSingleResult();
        return sum.longValue();
    }

    public void persist(ShiftCorrection correction) {
        em.persist(correction);
    }

    public List<ShiftCorrection> corrections(UUID shiftId) {
        return em.createQuery("from ShiftCorrection c where c.shiftId = :s order by c.sequence", ShiftCorrection.class)
                .setParameter("s", shiftId).getResultList();
    }

    public Map<UUID, List<ShiftCorrection>> corrections(Collection<UUID> shiftIds) {
        if (shiftIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("from ShiftCorrection c where c.shiftId in :s order by c.sequence",
                ShiftCorrection.class)
                .setParameter("s", shiftIds).getResultList().stream()
                .collect(Collectors.groupingBy(c -> c.shiftId));
    }
}
