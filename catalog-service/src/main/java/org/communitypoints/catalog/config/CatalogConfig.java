package org.communitypoints.catalog.config;

import java.time.Duration;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "catalog")
public interface CatalogConfig {

    /** The communities' clock: a meal voucher is valid for one calendar day here. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    /**
     * How long after a voucher's validity points-service may release the hold by itself. Comfortably
     * longer than the expiry job's interval, so the catalog normally ends the redemption first.
     */
    @WithDefault("P1D")
    Duration holdGrace();

    /** How many days ahead a resident may book a canteen meal (0 = today only). */
    @WithDefault("7")
    int mealDaysAhead();

    /** How often the expiry job looks for vouchers past their validity. */
    @WithDefault("60s")
    Duration expiryInterval();

    /** Redemptions expired per transaction by the expiry job. */
    @WithDefault("200")
    int expiryBatchSize();
}
