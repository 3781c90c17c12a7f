package org.communitypoints.catalog.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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

    /** One change of a household's tags. */
    public record AuditRow(long id, String memberId, String householdId, EligibilityCategory category, String action,
            String changedBy, Instant changedAt) {
    }

    private static EntityManager em() {
        return Panache.getEntityManager();
    }

    public Set<EligibilityCategory> categories(String communityId, String memberId) {
        @SuppressWarnings("unchecked")
        List<String> rows = em().createNativeQuery(
                "select category from eligibility where community_id = :c and member_id = :m")
                .setParameter("c", communityId).setParameter("m", memberId).getResultList();
        Set<EligibilityCategory> categories = EnumSet.noneOf(EligibilityCategory.class);
        rows.forEach(r -> categories.add(EligibilityCategory.valueOf(r)));
        return categories;
    }

    /** @return true if the household was not tagged with the category before (the audit row is then written) */
    public boolean tag(String communityId, String memberId, EligibilityCategory category, String staffId) {
        int inserted = em().createNativeQuery("""
                insert into eligibility (community_id, member_id, category, tagged_by)
                values (:c, :m, :cat, :by) on conflict do nothing""")
                .setParameter("c", communityId).setParameter("m", memberId)
                .setParameter("cat", category.name()).setParameter("by", staffId).executeUpdate();
        if (inserted > 0) {
            audit(communityId, memberId, category, "TAGGED", staffId);
        }
        return inserted > 0;
    }

    /** @return true if the household was tagged with the category (the audit row is then written) */
    public boolean untag(String communityId, String memberId, EligibilityCategory category, String staffId) {
        int deleted = em()
                .createNativeQuery("delete from eligibility where community_id = :c and member_id = :m and category = :cat")
                .setParameter("c", communityId).setParameter("m", memberId)
                .setParameter("cat", category.name()).executeUpdate();
        if (deleted > 0) {
            audit(communityId, memberId, category, "UNTAGGED", staffId);
        }
        return deleted > 0;
    }

    private void audit(String communityId, String memberId, EligibilityCategory category, String action,
            String staffId) {
        em().createNativeQuery("""
                insert into eligibility_audit (community_id, member_id, category, action, changed_by)
                values (:c, :m, :cat, :action, :by)""")
                .setParameter("c", communityId).setParameter("m", memberId).setParameter("cat", category.name())
                .setParameter("action", action).setParameter("by", staffId).executeUpdate();
    }

    /**
     * The communities in which the catalog knows the member: where staff ever tagged them (the audit keeps that
     * after an untagging) or they redeemed something.
     */
    public Set<String> communitiesOf(String memberId) {
        @SuppressWarnings("unchecked")
        List<String> rows = em().createNativeQuery("""
                select community_id from eligibility_audit where member_id = :m
                union
                select community_id from redemption where member_id = :m""")
                .setParameter("m", memberId).getResultList();
        return Set.copyOf(rows);
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
