package org.communitypoints.points.domain;

/** The kinds of account a community's books hold. */
public enum AccountType {
    /** A resident's points: opened on first use, never below zero available. */
    RESIDENT,
    /** Where earned points come from; its balance is the sum of its postings (no balance row to contend on). */
    ISSUANCE,
    /** One per partner: what residents and the subsidy pool paid for the partner's services. */
    REDEMPTION,
    /** Pays the means-tested discounts of eligible households. */
    SUBSIDY_POOL,
    /** Receives points that lapse. */
    EXPIRY;

    /** The owner id of accounts that belong to the community itself. */
    public static final String COMMUNITY_OWNED = "";
}
