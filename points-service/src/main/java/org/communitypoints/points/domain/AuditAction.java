package org.communitypoints.points.domain;

/** A decision about a staff transfer, as the control audit records it. */
public enum AuditAction {
    /** Asked for; waits for a second staff member. */
    REQUESTED,
    /** Booked at once (under the approval threshold). */
    BOOKED,
    /** Approved by a second staff member, and booked. */
    APPROVED,
    /** Turned down by a second staff member. */
    REJECTED,
    /** Refused by a bound (amount, daily total, budget, self-adjustment) before anything was created. */
    REFUSED
}
