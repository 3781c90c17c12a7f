package org.communitypoints.catalog.repository;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.communitypoints.catalog.domain.EligibilityCategory;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * Which households staff tagged for means-tested prices. A set of tags per household, not an entity:
 * native SQL on Panache's entity manager, so it joins the caller's transaction.
 */
@ApplicationScoped
public class EligibilityRepository {

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

    public void tag(String communityId, String memberId, EligibilityCategory category, String staffId) {
        em().createNativeQuery("""
                insert into eligibility (community_id, member_id, category, tagged_by)
                values (:c, :m, :cat, :by) on conflict do nothing""")
                .setParameter("c", communityId).setParameter("m", memberId)
                .setParameter("cat", category.name()).setParameter("by", staffId).executeUpdate();
    }

    public void untag(String communityId, String memberId, EligibilityCategory category) {
        em().createNativeQuery("delete from eligibility where community_id = :c and member_id = :m and category = :cat")
                .setParameter("c", communityId).setParameter("m", memberId)
                .setParameter("cat", category.name()).executeUpdate();
    }
}
