package org.communitypoints.points.domain;

/** Where a redemption's hold stands. Only PLACED holds points; every other status is final. */
public enum HoldStatus {
    PLACED,
    REJECTED,
    CAPTURED,
    RELEASED,
    EXPIRED
}
