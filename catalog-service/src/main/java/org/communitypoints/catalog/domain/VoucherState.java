package org.communitypoints.catalog.domain;

/** A voucher as the resident and the counter see it. */
public enum VoucherState {
    ACTIVE,
    USED,
    CANCELLED,
    EXPIRED
}
