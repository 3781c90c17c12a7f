package org.communitypoints.catalog.domain;

import java.util.Set;

/**
 * The saga's states. Forward only: PENDING → CONFIRMED → FULFILLED → CAPTURED (or CAPTURE_FAILED);
 * PENDING → REJECTED; PENDING or CONFIRMED → CANCELLED or EXPIRED. Every transition names the states
 * it may start from, so a late or repeated event finds nothing to move.
 */
public enum RedemptionState {
    /** Seat or stock reserved, points hold requested. */
    PENDING,
    /** Points held, voucher issued. */
    CONFIRMED,
    /** No hold placed (e.g. INSUFFICIENT_POINTS); the seat or stock went back. */
    REJECTED,
    /** The resident cancelled before fulfilment; hold released, seat or stock back. */
    CANCELLED,
    /** The voucher (or the hold) lapsed unused; hold released, seat or stock back. */
    EXPIRED,
    /** The partner took the voucher at the counter; capture requested. */
    FULFILLED,
    /** Points moved to the partner. */
    CAPTURED,
    /** points-service refused the capture (e.g. HOLD_NOT_ACTIVE): staff must look at it. */
    CAPTURE_FAILED;

    private static final Set<RedemptionState> OPEN = Set.of(PENDING, CONFIRMED);
    private static final Set<RedemptionState> USED = Set.of(FULFILLED, CAPTURED, CAPTURE_FAILED);

    /** Still waiting for the resident or the partner: may be cancelled or expire. */
    public boolean isOpen() {
        return OPEN.contains(this);
    }

    /** The voucher was taken at the counter. */
    public boolean isUsed() {
        return USED.contains(this);
    }
}
