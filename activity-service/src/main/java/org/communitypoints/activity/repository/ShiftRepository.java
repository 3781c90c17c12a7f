package org.communitypoints.activity.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.communitypoints.activity.domain.Shift;
import org.hibernate.Session;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class ShiftRepository implements PanacheRepositoryBase<Shift, UUID> {

    /**
     * Inserts a new shift unless it overlaps another live shift of the same resident: the exclusion
     * constraint decides (also between concurrent requests) and ON CONFLICT turns its refusal into false.
     */
    public boolean insert(Shift s) {
        int inserted = getEntityManager().unwrap(Session.class).createNativeMutationQuery("""
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

    /** The shift, if it belongs to the community: another community's id is as good as unknown. */
    public Optional<Shift> findInCommunity(UUID id, String communityId) {
        return findByIdOptional(id).filter(s -> s.communityId.equals(communityId));
    }

    /**
     * The shift of the community, row-locked for a change and re-read under the lock. The community is
     * checked before locking, so another community's rows are never locked from here. Re-reading matters:
     * the shift may already sit in the persistence context as it was before a concurrent change committed
     * (a void racing a correction, two verifications), and a decision on that stale state would credit
     * points on a voided shift or verify a shift twice.
     */
    public Optional<Shift> lockInCommunity(UUID id, String communityId) {
        Optional<Shift> shift = findInCommunity(id, communityId);
        shift.ifPresent(s -> getEntityManager().refresh(s, LockModeType.PESSIMISTIC_WRITE));
        return shift;
    }

    public List<Shift> ofActivity(UUID activityId) {
        return list("activityId", Sort.by("startedAt").and("memberId"), activityId);
    }

    public List<Shift> ofMember(String memberId, String communityId) {
        return list("memberId = ?1 and communityId = ?2", Sort.descending("startedAt").and("id"), memberId,
                communityId);
    }

    /**
     * Serialises everything that counts one resident's points of one day (verifications and corrections),
     * so two concurrent verifications cannot both pass the daily cap. Always taken after the shift's row lock.
     */
    public void lockMemberDay(String memberId, LocalDate day) {
        getEntityManager()
                .createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtextextended(:k, 0))) l")
                .setParameter("k", "shift-day|" + memberId + "|" + day).getSingleResult();
    }

    /** Current points (after corrections) of the resident's verified shifts of a kind on a day. */
    public long pointsOfDay(String memberId, LocalDate day, UUID kindId) {
        Number sum = (Number) getEntityManager().createNativeQuery("""
                select coalesce(sum(coalesce(c.corrected_points, s.points)), 0)
                from shift s
                left join lateral (select corrected_points from shift_correction
                                   where shift_id = s.id order by sequence desc limit 1) c on true
                where s.member_id = :m and s.served_on = :d and s.kind_id = :k and s.status = 'VERIFIED'""")
                .setParameter("m", memberId).setParameter("d", day).setParameter("k", kindId).getSingleResult();
        return sum.longValue();
    }

    /** Recorded shifts of the resident at the activity whose recorder asked to verify and still waits for a second person. */
    public List<UUID> awaitingConfirmation(UUID activityId, String memberId) {
        return getEntityManager().createQuery("""
                select s.id from Shift s where s.activityId = ?1 and s.memberId = ?2
                and s.status = org.communitypoints.activity.domain.ShiftStatus.RECORDED
                and s.verificationRequestedBy is not null order by s.startedAt, s.id""", UUID.class)
                .setParameter(1, activityId).setParameter(2, memberId).getResultList();
    }

    /**
     * Serialises one recorder's verifications within the self-verification allowance of a day, so two concurrent
     * ones cannot both fit into the last points left. Always taken after the resident's day lock.
     */
    public void lockSelfVerifications(String communityId, String verifier, LocalDate day) {
        getEntityManager()
                .createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtextextended(:k, 0))) l")
                .setParameter("k", "self-verify|" + communityId + "|" + verifier + "|" + day).getSingleResult();
    }

    /** Points the recorder verified alone (within the policy) in [from, to), as verified (corrections aside). */
    public long selfVerifiedPoints(String communityId, String verifier, Instant from, Instant to) {
        Number sum = (Number) getEntityManager().createNativeQuery("""
                select coalesce(sum(points), 0) from shift
                where verification_method = 'SELF_WITHIN_POLICY' and verified_by = :v and community_id = :c
                  and verified_at >= :from and verified_at < :to""")
                .setParameter("v", verifier).setParameter("c", communityId)
                .setParameter("from", Timestamp.from(from)).setParameter("to", Timestamp.from(to)).getSingleResult();
        return sum.longValue();
    }

    /**
     * Whether the member id is known (by a shift, a sign-up or an attendance) in another community and not in this
     * one: such an id is another community's resident, and their record is not this community's to show.
     */
    public boolean onlyKnownElsewhere(String memberId, String communityId) {
        Object[] row = (Object[]) getEntityManager().createNativeQuery("""
                select
                  exists (select 1 from shift where member_id = :m and community_id = :c)
                  or exists (select 1 from sign_up where member_id = :m and community_id = :c)
                  or exists (select 1 from attendance where member_id = :m and community_id = :c),
                  exists (select 1 from shift where member_id = :m and community_id <> :c)
                  or exists (select 1 from sign_up where member_id = :m and community_id <> :c)
                  or exists (select 1 from attendance where member_id = :m and community_id <> :c)""")
                .setParameter("m", memberId).setParameter("c", communityId).getSingleResult();
        return !((Boolean) row[0]) && (Boolean) row[1];
    }

    /** Totals of a community's verified shifts served in [from, to), valued after corrections. */
    public record Totals(long activeVolunteers, long shifts, long minutes, long points) {
    }

    /** One activity kind's verified shifts in a period, valued after corrections. */
    public record KindTotals(UUID kindId, String code, String name, long shifts, long minutes, long points) {
    }

    /**
     * Every kind of the community (none left out, so a kind nobody served shows as 0) with its verified shifts served
     * in [from, to), valued as {@link #totals} values them: the latest correction's points, or the verified points
     * when there is none; voided shifts do not count. Most points first, then by code.
     */
    public List<KindTotals> totalsByKind(String communityId, LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                select k.id::text, k.code, k.name, count(s.id),
                       coalesce(sum(coalesce(c.corrected_minutes, s.minutes)), 0),
                       coalesce(sum(coalesce(c.corrected_points, s.points)), 0) as points
                from activity_kind k
                left join shift s on s.kind_id = k.id and s.community_id = :c and s.served_on >= :from
                                     and s.served_on < :to and s.status = 'VERIFIED'
                left join lateral (select corrected_minutes, corrected_points from shift_correction
                                   where shift_id = s.id order by sequence desc limit 1) c on true
                where k.community_id = :c
                group by k.id, k.code, k.name
                order by points desc, k.code""")
                .setParameter("c", communityId).setParameter("from", from).setParameter("to", to)
                .getResultList();
        return rows.stream().map(row -> new KindTotals(UUID.fromString((String) row[0]), (String) row[1], (String) row[2],
                ((Number) row[3]).longValue(), ((Number) row[4]).longValue(), ((Number) row[5]).longValue())).toList();
    }

    /** Verified shifts served in [from, to), valued after corrections; voided shifts do not count. */
    public Totals totals(String communityId, LocalDate from, LocalDate to) {
        Object[] row = (Object[]) getEntityManager().createNativeQuery("""
                select count(distinct s.member_id), count(*),
                       coalesce(sum(coalesce(c.corrected_minutes, s.minutes)), 0),
                       coalesce(sum(coalesce(c.corrected_points, s.points)), 0)
                from shift s
                left join lateral (select corrected_minutes, corrected_points from shift_correction
                                   where shift_id = s.id order by sequence desc limit 1) c on true
                where s.community_id = :c and s.served_on >= :from and s.served_on < :to and s.status = 'VERIFIED'""")
                .setParameter("c", communityId).setParameter("from", from).setParameter("to", to)
                .getSingleResult();
        return new Totals(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue(), ((Number) row[3]).longValue());
    }
}
