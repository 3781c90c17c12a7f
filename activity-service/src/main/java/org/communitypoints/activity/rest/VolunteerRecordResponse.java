package org.communitypoints.activity.rest;

import java.math.BigDecimal;
import java.util.List;

/** A resident's volunteer record: every shift, and the totals of verified ones after corrections. */
public record VolunteerRecordResponse(String memberId, int verifiedShifts, long minutes, BigDecimal hours,
        long pointsEarned, List<ShiftResponse> shifts) {
}
