package org.communitypoints.contracts.export;

import com.fasterxml.jackson.annotation.JsonCreator;

/** What a journal transaction's {@code causeId} names. */
public enum CauseType {
    /** An activity-service shift id ({@code SHIFT_CREDIT}). */
    SHIFT,
    /** An activity-service correction id ({@code SHIFT_CORRECTION}). */
    SHIFT_CORRECTION,
    /** A catalog-service redemption id ({@code HOLD}, {@code CAPTURE}, {@code RELEASE}). */
    REDEMPTION,
    /** The adjustment transaction's own id ({@code ADJUSTMENT}). */
    ADJUSTMENT,
    /** The funding's own id ({@code POOL_FUNDING}). */
    POOL_FUNDING,
    /** Another journal transaction's id: the one a {@code REVERSAL} undoes. */
    TRANSACTION,
    /** {@code <run day>/<cutoff instant>/<member id>} of an {@code EXPIRY}. */
    EXPIRY,
    /** The donation's own id ({@code EXPIRY_DONATION}). */
    EXPIRY_DONATION,
    /** A cause this consumer does not know yet (read tolerantly; never produced). */
    UNKNOWN;

    @JsonCreator
    public static CauseType of(String name) {
        return Enums.tolerant(CauseType.class, name, UNKNOWN);
    }
}
