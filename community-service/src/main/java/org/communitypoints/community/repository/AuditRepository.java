package org.communitypoints.community.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * The append-only registry audit (V1's registry_audit): one row per change, written in the change's transaction.
 * Native SQL on Panache's entity manager, so it joins that transaction.
 */
@ApplicationScoped
public class AuditRepository {

    /** What changed: a resident, a household, a join request or a proxy grant. */
    public enum SubjectType {
        RESIDENT,
        HOUSEHOLD,
        JOIN_REQUEST,
        PROXY_GRANT
    }

    /** One audit row. */
    public record AuditRow(long id, SubjectType subjectType, String subjectId, String memberId, String action,
            String detail, String actor, Instant at) {
    }

    private static EntityManager em() {
        return Panache.getEntityManager();
    }

    /**
     * @param memberId the resident concerned, or null when the change concerns none (a household renamed)
     * @param detail what changed, in words staff read (never a phone number in full)
     */
    public void append(String communityId, SubjectType type, String subjectId, String memberId, String action,
            String detail, String actor) {
        em().createNativeQuery("""
                insert into registry_audit (community_id, subject_type, subject_id, member_id, action, detail, actor)
                values (:c, :type, :subject, :member, :action, :detail, :actor)""")
                .setParameter("c", communityId).setParameter("type", type.name()).setParameter("subject", subjectId)
                .setParameter("member", memberId).setParameter("action", action).setParameter("detail", detail)
                .setParameter("actor", actor).executeUpdate();
    }

    /**
     * A page of the community's audit, newest first.
     *
     * @param memberId only changes concerning this resident; null for all
     * @param subjectId only changes of this household, grant or request (or resident); null for all
     * @param beforeId only rows older than this one (the last id of the previous page); null from the newest
     */
    public List<AuditRow> page(String communityId, String memberId, String subjectId, Long beforeId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em().createNativeQuery("""
                select id, subject_type, subject_id, member_id, action, detail, actor, at
                  from registry_audit
                 where community_id = :c
                   and (cast(:m as text) is null or member_id = cast(:m as text))
                   and (cast(:s as text) is null or subject_id = cast(:s as text))
                   and id < :before
                 order by id desc
                 limit :limit""")
                .setParameter("c", communityId).setParameter("m", memberId).setParameter("s", subjectId)
                .setParameter("before", beforeId == null ? Long.MAX_VALUE : beforeId)
                .setParameter("limit", limit).getResultList();
        return rows.stream().map(r -> new AuditRow(((Number) r[0]).longValue(), SubjectType.valueOf((String) r[1]),
                (String) r[2], (String) r[3], (String) r[4], (String) r[5], (String) r[6], instant(r[7]))).toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
