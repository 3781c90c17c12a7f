package org.communitypoints.points.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Points expiry (README "Points expiry"). Each community's own rule is in the database, off until its staff switch it
 * on; only the schedule of the daily run is configuration.
 */
@ConfigMapping(prefix = "points.expiry")
public interface ExpiryConfig {

    /**
     * When the daily run starts (Quarkus cron, in the JVM's zone; the run day is the day in {@code points.zone}),
     * read by {@code ExpiryJob}'s {@code @Scheduled}. 02:30 is after the day's last credits and long before anyone
     * reads the passbook; a rerun is harmless, so any hour would do. {@code off} stops it (the tests run days
     * themselves).
     */
    @WithDefault("0 30 2 * * ?")
    String cron();
}
