package org.communitypoints.activity.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

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

    /**
     * How far back a grid worker (not staff) may date a shift's start. A phone that was offline for a weekend
     * still fits; older shifts are the community office's to record, so a worker alone cannot fill last week
     * with shifts nobody remembers. Staff may go back to {@link #maxBackdating()}.
     */
    @WithDefault("48h")
    Duration gridWorkerBackdating();

    /** Clock skew tolerated for times a phone reports (a time this far in the future is still accepted). */
    @WithDefault("2m")
    Duration clockSkew();

    /**
     * How far a shift may start before its activity starts, or end after it ends: volunteers come early to set up
     * and stay to tidy away, but a shift hours outside the activity did not serve it.
     */
    @WithDefault("30m")
    Duration shiftWindowTolerance();

    /**
     * How long one check-in code stays on the screen. Two minutes is long enough for a queue of elderly residents
     * to scan it one after another; the code of the window before is still accepted (one window of grace), so a
     * resident who scanned just before it changed is not refused. A photo of the code sent home is useless within
     * four minutes at most.
     */
    @WithDefault("2m")
    Duration checkInCodePeriod();

    /** Largest page of the reconciliation export. */
    @WithDefault("1000")
    int exportMaxLimit();

    /**
     * Per-community policy, keyed by community id: {@code activity.policy."<community>".self-verify-daily-points}.
     * A community without an entry gets the defaults of {@link CommunityPolicy}.
     */
    Map<String, CommunityPolicy> policy();

    interface CommunityPolicy {

        /**
         * How many points a day in total one recorder may verify on shifts they recorded themselves, for small
         * communities where a second grid worker is not always at hand. 0 (the default): every shift needs a second
         * person or the volunteer's own check-in.
         */
        @WithDefault("0")
        int selfVerifyDailyPoints();
    }
}
