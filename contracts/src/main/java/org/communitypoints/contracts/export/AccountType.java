package org.communitypoints.contracts.export;

import com.fasterxml.jackson.annotation.JsonCreator;

/** The kinds of account a community's books hold (points-service's types, by name). */
public enum AccountType {
    /** A resident's points; owner = the member id. Never below zero available. */
    RESIDENT,
    /** Where earned points come from; community-owned (owner ""). Keeps no stored balance row. */
    ISSUANCE,
    /** A partner's account: what residents and the subsidy pool paid it; owner = the partner id. */
    REDEMPTION,
    /** Pays the means-tested discounts; community-owned. */
    SUBSIDY_POOL,
    /** Receives points that lapse; community-owned. */
    EXPIRY,
    /** A type this consumer does not know yet (read tolerantly; never produced). */
    UNKNOWN;

    @JsonCreator
    public static AccountType of(String name) {
        return Enums.tolerant(AccountType.class, name, UNKNOWN);
    }
}
