package org.communitypoints.catalog.domain;

/** How a reward is counted out: per day, per class session, or from stock. */
public enum RewardKind {
    /** A canteen meal: a daily quota, the voucher is valid on the chosen day. */
    MEAL,
    /** A seat in one dated session of a course; each session has its own capacity. */
    CLASS_SEAT,
    /** Hours of after-school care, from a stock of credits. */
    CHILDCARE_CREDIT,
    /** Gifts, certificates, parking tickets, housekeeping hours: from stock. */
    GOODS
}
