package org.communitypoints.activity.rest;

import java.time.Instant;
import java.util.UUID;

import org.communitypoints.activity.domain.PointsRule;
import org.communitypoints.activity.domain.Rounding;

/** Answers of the activity-kind endpoints. */
public final class KindViews {

    private KindViews() {
    }

    public record Rule(int version, Instant validFrom, int pointsPerHour, Rounding rounding, int minimumMinutes,
            int dailyCapPoints) {

        public static Rule of(PointsRule rule) {
            return new Rule(rule.version, rule.validFrom, rule.pointsPerHour, rule.rounding, rule.minimumMinutes,
                    rule.dailyCapPoints);
        }
    }

    /** @param currentRule the rule in force now */
    public record Kind(UUID id, String code, String name, Rule currentRule) {
    }
}
