package org.communitypoints.points.config;

import java.time.Duration;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "points")
public interface PointsConfig {

    /** The residents' time zone: passbook dates and date filters are read in it. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    Holds holds();

    Consumer consumer();

    interface Holds {

        /** How many expired holds one expiry run releases per transaction. */
        @WithDefault("200")
        int expiryBatchSize();

        /** How often expired holds are looked for (read by the scheduler). */
        @WithDefault("10s")
        Duration expiryInterval();
    }

    interface Consumer {

        /** How many partitions' shares of one poll are applied side by side (each in its own transaction). */
        @WithDefault("3")
        int parallelPartitions();
    }
}
