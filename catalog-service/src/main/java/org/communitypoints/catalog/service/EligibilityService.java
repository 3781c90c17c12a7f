package org.communitypoints.catalog.service;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.catalog.domain.EligibilityCategory;
import org.communitypoints.catalog.repository.EligibilityRepository;

/** Staff tag households for means-tested prices; the tag counts from the next redemption on. */
@ApplicationScoped
@Transactional
public class EligibilityService {

    /** A household (the resident's member id) and the categories staff tagged it with. */
    public record Household(String memberId, Set<EligibilityCategory> categories) {
    }

    private final EligibilityRepository eligibility;

    public EligibilityService(EligibilityRepository eligibility) {
        this.eligibility = eligibility;
    }

    public Household tag(String communityId, String memberId, EligibilityCategory category, String staffId) {
        eligibility.tag(communityId, memberId, category, staffId);
        return of(communityId, memberId);
    }

    public Household untag(String communityId, String memberId, EligibilityCategory category) {
        eligibility.untag(communityId, memberId, category);
        return of(communityId, memberId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Household of(String communityId, String memberId) {
        return new Household(memberId, categories(communityId, memberId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<EligibilityCategory> categories(String communityId, String memberId) {
        return eligibility.categories(communityId, memberId);
    }
}
