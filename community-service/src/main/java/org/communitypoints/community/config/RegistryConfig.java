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
}
