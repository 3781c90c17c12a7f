package org.communitypoints.activity.domain;

/** What happened to a shift, in its audit trail. */
public enum AuditAction {
    RECORDED,
    CHECKED_OUT,
    /** The recorder asked to verify, but a second person still has to confirm. */
    VERIFICATION_REQUESTED,
    /** The volunteer scanned the activity's check-in code. */
    CONFIRMED_BY_CHECK_IN,
    VERIFIED,
    REJECTED,
    CORRECTED,
    VOIDED
}
