package org.communitypoints.platform.data;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How {@link InboundRecords} waits out a transient failure while applying a consumed record. There is no
 * limit on attempts: a record that fails only because the database or broker is away is never dead-lettered,
 * so the pause only decides how soon work resumes after the outage and how hard a recovering server is hit.
 */
@ConfigMapping(prefix = "platform.inbound")
public interface InboundConfig {

    /** The pause before the first retry: a deadlock or serialization failure usually passes at once. */
    @WithDefault("100ms")
    Duration initialDelay();

    /**
     * The longest pause, reached after about nine failures in a row: work resumes at most this long after the
     * outage ends, and a database coming back is not flooded by every consumer at once.
     */
    @WithDefault("30s")
    Duration maxDelay();
}
