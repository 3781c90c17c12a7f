package org.communitypoints.contracts.export;

import com.fasterxml.jackson.annotation.JsonCreator;

/** What a row of activity-service's shift export records. */
public enum ShiftExportType {
    /** A shift was verified: points-service must credit {@code points} once. */
    SHIFT_VERIFIED,
    /** A verified shift was corrected: points-service must post {@code correctedPoints - previousPoints} once. */
    SHIFT_CORRECTED,
    /** A type this consumer does not know yet (read tolerantly; never produced). */
    UNKNOWN;

    @JsonCreator
    public static ShiftExportType of(String name) {
        return Enums.tolerant(ShiftExportType.class, name, UNKNOWN);
    }
}
