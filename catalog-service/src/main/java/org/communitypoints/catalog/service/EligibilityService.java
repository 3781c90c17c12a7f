package org.communitypoints.catalog.service;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.catalog.domain.EligibilityCategory;
import org.communitypoints.catalog.repository.EligibilityRepository;
import org.communitypoints.platform.web.ProblemException;

/**
 * Staff tag households for means-tested prices; the tag counts from the next redemption on. Every change is kept in
 * the append-only audit. A household is for now the resident's membership (member id = token subject); categories
 * move to households later, and the audit already has the column for it.
 */
@ApplicationScoped
@Transactional
public class EligibilityService {

    /** A household (the resident's member id) and the categories staff tagged it with. */
    public record Household(String memberId, Set<EligibilityCategory> categories) {
    }

    /**
     * One change in the audit.
     *
     * @param householdId empty until categories belong to households
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

    public EligibilityService(EligibilityRepository eligibility) {
        this.eligibility = eligibility;
    }

    /**
     * @throws ProblemException 403 SELF_ELIGIBILITY_FORBIDDEN when staff tag their own membership: whether a
     *         household gets the community's money is never decided by someone of that household
     */
    public Household tag(String communityId, String memberId, EligibilityCategory category, String staffId) {
        if (memberId.equals(staffId)) {
            throw ProblemException.forbidden("SELF_ELIGIBILITY_FORBIDDEN",
                    "You cannot tag your own household as eligible; please ask a colleague.");
        }
        requireNotOfAnotherCommunity(communityId, memberId);
        eligibility.tag(communityId, memberId, category, staffId);
        return household(communityId, memberId);
    }

    public Household untag(String communityId, String memberId, EligibilityCategory category, String staffId) {
        requireNotOfAnotherCommunity(communityId, memberId);
        eligibility.untag(communityId, memberId, category, staffId);
        return household(communityId, memberId);
    }

    /**
     * A household as community staff read it. A member the catalog has never seen is an empty household (staff
     * look before they tag a new resident, as the demo seed does).
     *
     * @throws ProblemException 404 MEMBER_NOT_FOUND when the catalog knows the member only in another community
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Household ofMember(String communityId, String memberId) {
        requireNotOfAnotherCommunity(communityId, memberId);
        return household(communityId, memberId);
    }

    /** The calling resident's own household. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Household own(String communityId, String memberId) {
        return household(communityId, memberId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<EligibilityCategory> categories(String communityId, String memberId) {
        return eligibility.categories(communityId, memberId);
    }

    /**
     * The community's audit, newest first.
     *
     * @param memberId only this member's changes; null for everyone's
     * @param before the previous page's {@code nextBefore}; null for the newest
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AuditPage audit(String communityId, String memberId, Long before, int limit) {
        List<EligibilityChange> changes = eligibility.audit(communityId, memberId, before, limit).stream()
                .map(a -> new EligibilityChange(a.id(), a.memberId(), a.householdId(), a.category(), a.action(),
                        a.changedBy(), a.changedAt()))
                .toList();
        return new AuditPage(changes, changes.size() < limit ? null : changes.get(changes.size() - 1).id());
    }

    private Household household(String communityId, String memberId) {
        return new Household(memberId, categories(communityId, memberId));
    }

    /**
     * Residents are registered by the identity provider, not here, so staff may tag a member the catalog has not
     * seen yet; but not one it knows only in another community (404, as every other id of another community).
     */
    private void requireNotOfAnotherCommunity(String communityId, String memberId) {
        Set<String> known = eligibility.communitiesOf(memberId);
        if (!known.isEmpty() && !known.contains(communityId)) {
            throw memberNotFound();
        }
    }

    private static ProblemException memberNotFound() {
        return ProblemException.notFound("MEMBER_NOT_FOUND", "There is no such resident in your community.");
    }
}
