package org.communitypoints.contracts.events;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The means-tested categories of a household (户), the one list in the suite: community-service records them with
 * their evidence, HouseholdChanged carries them, catalog-service prices by them.
 *
 * <p>
 * A code this list does not know yet (a producer newer than the consumer) reads as {@code null}: a consumer skips that
 * category with a log and keeps the rest of the household, instead of refusing the whole event.
 */
public enum HouseholdCategory {
    /** 低保: minimum living allowance */
    DIBAO("低保"),
    /** 残疾: a disabled member */
    DISABILITY("残疾"),
    /** 留守儿童: left-behind children */
    LEFT_BEHIND_CHILD("留守儿童"),
    /** 独居老人: an elderly resident living alone */
    ELDERLY_ALONE("独居老人");

    private final String label;

    HouseholdCategory(String label) {
        this.label = label;
    }

    /** The Chinese name staff and residents know the category by. */
    public String label() {
        return label;
    }

    /** @return the category of that code, or null for a code this version does not know */
    @JsonCreator
    public static HouseholdCategory fromCode(String code) {
        for (HouseholdCategory category : values()) {
            if (category.name().equals(code)) {
                return category;
            }
        }
        return null;
    }
}
