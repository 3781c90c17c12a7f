package org.communitypoints.contracts.export;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * catalog-service's redemption saga states, by name. PENDING → CONFIRMED → FULFILLED → CAPTURED (or
 * CAPTURE_FAILED); PENDING → REJECTED; PENDING or CONFIRMED → CANCELLED or EXPIRED.
 */
public enum RedemptionState {
    /** Seat or stock reserved, points hold requested. */
    PENDING,
    /** Points held, voucher issued. */
    CONFIRMED,
    /** No hold placed; nothing to release. */
    REJECTED,
    /** Cancelled before fulfilment; any hold must be released. */
    CANCELLED,
    /** Lapsed unused; any hold must be released. */
    EXPIRED,
    /** Taken at the counter; capture requested. */
    FULFILLED,
    /** Points moved to the partner. */
    CAPTURED,
    /** points-service refused the capture: staff must look at it. */
    CAPTURE_FAILED,
    /** A state this consumer does not know yet (read tolerantly; never produced). */
    UNKNOWN;

    @JsonCreator
    public static RedemptionState of(String name) {
        return Enums.tolerant(RedemptionState.class, name, UNKNOWN);
    }
}
