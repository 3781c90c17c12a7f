package org.communitypoints.catalog.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.communitypoints.catalog.domain.EligibilityCategory;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * Which households staff tagged for means-tested prices, and the append-only audit of every change
 * ({@code eligibility_audit}, V4). A set of tags per household, not an entity: native SQL on Panache's entity
 * manager, so it joins the caller's transaction and a change and its audit row commit together.
 */
@ApplicationScoped
public class EligibilityRepository {

    /** One change of a member's tags, from before categories moved to the registry's households. */
    public record AuditRow(long id, String memberId, String householdId, EligibilityCategory category, String action,
            String changedBy, Instant changedAt) {
    }

    private static EntityManager em() {
        return Panache.getEntityManager();
    }

    /**
     * A page of the community's audit, newest first.
     *
     * @param memberId only this member's changes; null for all
     * @param beforeId only changes older than this one (the last id of the previous page); null from the newest
     */
    public List<AuditRow> audit(String communityId, String memberId, Long beforeId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em().createNativeQuery("""
                select id, member_id, household_id, category, action, changed_by, changed_at
                  from eligibility_audit
                 where community_id = :c
                   and (cast(:m as text) is null or member_id = cast(:m as text))
                   and id < :before
                 order by id desc
                 limit :limit""")
                .setParameter("c", communityId).setParameter("m", memberId)
                .setParameter("before", beforeId == null ? Long.MAX_VALUE : beforeId)
                .setParameter("limit", limit).getResultList();
        return rows.stream().map(r -> new AuditRow(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                EligibilityCategory.valueOf((String) r[3]), (String) r[4], (String) r[5], instant(r[6]))).toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
