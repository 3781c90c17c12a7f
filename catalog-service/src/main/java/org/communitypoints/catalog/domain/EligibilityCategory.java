package org.communitypoints.catalog.domain;

/** Households staff tag for means-tested prices, in the order a discount looks for them. */
public enum EligibilityCategory {
    /** 低保 */
    LOW_INCOME,
    /** 残疾 */
    DISABILITY,
    /** 留守儿童 */
    LEFT_BEHIND_CHILDREN
}
