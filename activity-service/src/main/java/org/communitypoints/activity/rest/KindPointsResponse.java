package org.communitypoints.activity.rest;

import java.math.BigDecimal;

/** One activity kind's verified shifts in the period and the points they earned after corrections. */
public record KindPointsResponse(String kindId, String code, String name, long shifts, long minutes, BigDecimal hours,
        long points) {
}
