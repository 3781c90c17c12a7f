package org.communitypoints.activity.rest;

import java.time.Instant;

import org.communitypoints.activity.domain.Rounding;

public record RuleResponse(int version, Instant validFrom, int pointsPerHour, Rounding rounding, int minimumMinutes,
        int dailyCapPoints) {
}
