package org.communitypoints.activity.service;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Minutes as hours with two decimals, as residents and staff read them. */
final class Hours {

    private Hours() {
    }

    static BigDecimal of(long minutes) {
        return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
    }
}
