package org.communitypoints.community.config;

import java.time.Duration;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "community")
public interface RegistryConfig {

    /**
     * The communities' time zone: "this year" for the elderly rule and the dates of categories are China's, not the
     * server's.
     */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    /**
     * The longest a proxy grant may run: a year (366 days, so "one year from today" always fits). A grant is renewed
     * with the resident's consent, not kept forever: families and grid workers change.
     */
    @WithDefault("P366D")
    Duration proxyMaxValidity();

    /** When the elderly flag is checked against the year (ElderlyRefreshJob reads these through its schedule). */
    ElderlyRefresh elderlyRefresh();

    interface ElderlyRefresh {

        /**
         * Daily at 00:05 in {@link RegistryConfig#zone()}: just after the year turns, not at the stroke of midnight
         * when everything else runs.
         */
        @WithDefault("0 5 0 * * ?")
        String cron();

        /** Once this long after start, so an instance that was down over New Year catches up without slowing its start. */
        @WithDefault("20s")
        String startDelay();
    }
}
