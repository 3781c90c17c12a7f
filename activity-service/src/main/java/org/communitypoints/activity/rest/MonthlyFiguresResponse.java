package org.communitypoints.activity.rest;

import java.math.BigDecimal;

public record MonthlyFiguresResponse(String communityId, String month, long activeVolunteers, long shifts,
        long minutes, BigDecimal hours, long pointsAwarded) {
}
