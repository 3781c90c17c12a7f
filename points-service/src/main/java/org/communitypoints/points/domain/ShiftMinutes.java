package org.communitypoints.points.domain;

import java.util.UUID;

/**
 * The shift a shift credit or correction books and the minutes the shift stands at once it is booked (the verified
 * minutes, or the corrected ones; 0 when voided). The minutes a transaction adds are these less the shift's previous
 * transaction's.
 */
public record ShiftMinutes(UUID shiftId, int minutes) {
}
