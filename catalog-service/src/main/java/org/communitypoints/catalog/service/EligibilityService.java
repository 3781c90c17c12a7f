package org.communitypoints.catalog.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.catalog.config.CatalogConfig;
import org.communitypoints.catalog.domain.EligibilityCategory;
import org.communitypoints.catalog.repository.EligibilityRepository;
import org.communitypoints.contracts.events.HouseholdCategory;
import org.communitypoints.platform.data.membership.Member;
import org.communitypoints.platform.data.membership.Membership;
import org.communitypoints.platform.web.ProblemException;

/**
 * A household's means-tested categories, read from this service's copy of the registry: community-service keeps the
 * categories on the household (with validity and evidence) and publishes them; the catalog prices by those valid on
 * the day. Nothing here changes them. The tags staff set in the catalog before the registry existed, and their audit,
 * stay readable as history ({@link #audit}); they no longer price anything.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class EligibilityService {

    /**
     * A resident's household and the categories valid today.
     *
     * @param householdId null while the resident belongs to no household
     */
    public record Household(String memberId, String householdId, Set<EligibilityCategory> categories) {
    }

    /**
     * One change in the audit of the catalog's former tags.
     *
     * @param householdId empty: the tags were per member
     * @param action TAGGED or UNTAGGED
     * @param changedBy the staff member's id (token subject)
     */
    public record EligibilityChange(long id, String memberId, String householdId, EligibilityCategory category,
            String action, String changedBy, Instant changedAt) {
    }

    /** A page of the audit, newest first; {@code nextBefore} asks for the page after it (null at the end). */
    public record AuditPage(List<EligibilityChange> changes, Long nextBefore) {
    }

    private final EligibilityRepository eligibility;
    private final Membership membership;
    private final CatalogConfig config;

    public EligibilityService(EligibilityRepository eligibility, Membership membership, CatalogConfig config) {
        this.eligibility = eligibility;
        this.membership = membership;
        this.config = config;
    }

    /**
     * A household as community staff read it.
     *
     * @throws ProblemException 404 MEMBER_NOT_FOUND when the registry copy has no such resident in the community
     *         (another community's resident included)
     */
    public Household ofMember(String communityId, String memberId) {
        Member member = membership.find(communityId, memberId).orElseThrow(() -> ProblemException.notFound(
                "MEMBER_NOT_FOUND", "There is no such resident in your community."));
        return new Household(memberId, member.householdId(), categories(communityId, memberId));
    }

    /** The calling resident's own household (empty while the registry copy does not know them). */
    public Household own(String communityId, String memberId) {
        return new Household(memberId, membership.find(communityId, memberId).map(Member::householdId).orElse(null),
                categories(communityId, memberId));
    }

    /** The categories of the resident's household valid today, in the community's zone. */
    public Set<EligibilityCategory> categories(String communityId, String memberId) {
        return categoriesOn(communityId, memberId, LocalDate.now(config.zone()));
    }

    /** The categories of the resident's household valid on the day; codes the catalog does not price by are left out. */
    public Set<EligibilityCategory> categoriesOn(String communityId, String memberId, LocalDate day) {
        return priced(membership.householdCategories(communityId, memberId, day));
    }

    /** The registry's categories the catalog prices by; the others (e.g. ELDERLY_ALONE) are left out. */
    public static Set<EligibilityCategory> priced(Set<HouseholdCategory> household) {
        Set<EligibilityCategory> categories = EnumSet.noneOf(EligibilityCategory.class);
        household.stream()
                .map(EligibilityCategory::of)
                .flatMap(Optional::stream)
                .forEach(categories::add);
        return categories;
    }

    /**
     * The audit of the tags staff set in the catalog before categories moved to the registry's households, newest
     * first.
     *
     * @param memberId only this member's changes; null for everyone's
     * @param before the previous page's {@code nextBefore}; null for the newest
     */
    public AuditPage audit(String communityId, String memberId, Long before, int limit) {
        List<EligibilityChange> changes = eligibility.audit(communityId, memberId, before, limit).stream()
                .map(a -> new EligibilityChange(a.id(), a.memberId(), a.householdId(), a.category(), a.action(),
                        a.changedBy(), a.changedAt()))
                .toList();
        return new AuditPage(changes, changes.size() < limit ? null : changes.get(changes.size() - 1).id());
    }
}
