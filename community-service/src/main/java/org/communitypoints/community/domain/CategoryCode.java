package org.communitypoints.community.domain;

/**
 * The means-tested categories a household can be tagged with: the one list of codes in the suite's registry
 * (HouseholdChanged carries the code, catalog-service prices by it). Adding a code here needs no migration.
 */
public enum CategoryCode {
    /** 低保: minimum living allowance */
    DIBAO("低保"),
    /** 残疾: a disabled member */
    DISABILITY("残疾"),
    /** 留守儿童: left-behind children */
    LEFT_BEHIND_CHILD("留守儿童"),
    /** 独居老人: an elderly resident living alone */
    ELDERLY_ALONE("独居老人");

    private final String label;

    CategoryCode(String label) {
        this.label = label;
    }

    /** The Chinese name staff and residents know the category by. */
    public String label() {
        return label;
    }
}
