package org.communitypoints.catalog.domain;

import java.util.Optional;

/**
 * The means-tested categories a reward's discount is for, in the order a discount looks for them. A household's
 * categories come from the registry (community-service's HouseholdChanged), whose codes are mapped here.
 */
public enum EligibilityCategory {
    /** 低保, the registry's DIBAO */
    LOW_INCOME("DIBAO"),
    /** 残疾 */
    DISABILITY("DISABILITY"),
    /** 留守儿童, the registry's LEFT_BEHIND_CHILD */
    LEFT_BEHIND_CHILDREN("LEFT_BEHIND_CHILD");

    private final String registryCode;

    EligibilityCategory(String registryCode) {
        this.registryCode = registryCode;
    }

    /** The category of a registry code (or of the catalog's own name); empty for a code the catalog does not price by. */
    public static Optional<EligibilityCategory> ofRegistryCode(String code) {
        for (EligibilityCategory category : values()) {
            if (category.registryCode.equals(code) || category.name().equals(code)) {
                return Optional.of(category);
            }
        }
        return Optional.empty();
    }
}
