package org.communitypoints.activity.config;

import java.time.Duration;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "activity")
public interface ActivityConfig {

    /** The communities' local time: a shift's day (for the daily cap and monthly figures) is its local date. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    /** How far back a grid worker's phone may date a check-in, check-out or bulk entry it could not send earlier. */
    @WithDefault("P7D")
    Duration maxBackdating();

    /** Clock skew tolerated for times a phone reports (a time this far in the future is still accepted). */
    @WithDefault("2m")
    Duration clockSkew();

    /** Largest page of the reconciliation export. */
    @WithDefault("1000")
    int exportMaxLimit();
}
