package org.communitypoints.activity.domain;

/** CHECKED_IN → RECORDED → VERIFIED (→ VOIDED by a correction) or REJECTED. */
public enum ShiftStatus {
    CHECKED_IN,
    RECORDED,
    VERIFIED,
    REJECTED,
    VOIDED
}
