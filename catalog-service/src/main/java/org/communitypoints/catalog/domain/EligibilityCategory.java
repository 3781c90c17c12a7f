package org.communitypoints.catalog.domain;

import java.util.Optional;

import org.communitypoints.contracts.events.HouseholdCategory;

/**
 * The means-tested categories a reward's discount is for, in the order a discount looks for them: the catalog's own
 * price tiers. This is the one place a household's category (the registry's {@link HouseholdCategory}, from
 * HouseholdChanged) becomes a price tier; a category without a tier here (独居老人) gets no means-tested price.
 */
public enum EligibilityCategory {
    /** 低保, the registry's DIBAO */
    LOW_INCOME(HouseholdCategory.DIBAO),
    /** 残疾 */
    DISABILITY(HouseholdCategory.DISABILITY),
    /** 留守儿童, the registry's LEFT_BEHIND_CHILD */
    LEFT_BEHIND_CHILDREN(HouseholdCategory.LEFT_BEHIND_CHILD);

    private final HouseholdCategory householdCategory;

    EligibilityCategory(HouseholdCategory householdCategory) {
        this.householdCategory = householdCategory;
    }

    /** The registry's category this tier prices: what points-service checks a discount against. */
    public HouseholdCategory householdCategory() {
        return householdCategory;
    }

    /** The price tier of a household's category; empty for one the catalog does not price by. */
    public static Optional<EligibilityCategory> of(HouseholdCategory category) {
        for (EligibilityCategory tier : values()) {
            if (tier.householdCategory == category) {
                return Optional.of(tier);
            }
        }
        return Optional.empty();
    }
}
