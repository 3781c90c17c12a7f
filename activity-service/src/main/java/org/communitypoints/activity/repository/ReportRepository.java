package org.communitypoints.activity.repository;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

@ApplicationScoped
public class ReportRepository {

    private final EntityManager em;

    public ReportRepository(EntityManager em) {
        this.em = em;
    }

    public record Figures(long activeVolunteers, long shifts, long minutes, long points) {
    }

    /** Verified shifts served in [from, to), valued after corrections; voided shifts do not count. */
    public Figures figures(String communityId, LocalDate from, LocalDate to) {
        Object[] row = (Object[]) em.createNativeQuery("""
                select count(distinct s.member_id), count(*),
                       coalesce(sum(coalesce(c.corrected_minutes, s.minutes)), 0),
                       coalesce(sum(coalesce(c.corrected_points, s.points)), 0)
                from shift s
                left join lateral (select corrected_minutes, corrected_points from shift_correction
                                   where shift_id = s.id order by sequence desc limit 1) c on true
                where s.community_id = :c and s.served_on >= :from and s.served_on < :to and s.status = 'VERIFIED'""")
                .setParameter("c", communityId).setParameter("from", from).setParameter("to", to)
                .getSingleResult();
        return new Figures(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue(), ((Number) row[3]).longValue());
    }
}
