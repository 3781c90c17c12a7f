package org.communitypoints.activity.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How a shift's exact value (points per hour × hours) becomes whole points. */
public enum Rounding {
    DOWN(RoundingMode.DOWN),
    HALF_UP(RoundingMode.HALF_UP),
    UP(RoundingMode.UP);

    private final RoundingMode mode;

    Rounding(RoundingMode mode) {
        this.mode = mode;
    }

    public long points(int pointsPerHour, int minutes) {
        return BigDecimal.valueOf((long) pointsPerHour * minutes)
                .divide(BigDecimal.valueOf(60), 0, mode)
                .longValueExact();
    }
}
