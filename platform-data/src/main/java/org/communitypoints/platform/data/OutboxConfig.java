package org.communitypoints.platform.data;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "outbox")
public interface OutboxConfig {

    /** Relay events to Kafka; off only where a test or tool reads the outbox table itself. */
    @WithDefault("true")
    boolean enabled();

    /** Safety net: the relay also looks for events this often (after a crash, or commits of other instances). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Events sent per relay transaction. */
    @WithDefault("500")
    int batchSize();

    /**
     * The first pause after Kafka or the database failed transiently; it doubles with each further failure
     * up to {@link #maxRetryBackoff()}, and the relay keeps trying for as long as the outage lasts.
     */
    @WithDefault("2s")
    Duration retryBackoff();

    /**
     * The longest pause between two attempts during an outage, and the pause after a permanent failure
     * (one that retrying cannot cure, logged as an error for someone to look at): short enough that events
     * flow again soon after the broker is back, long enough not to flood the log.
     */
    @WithDefault("1m")
    Duration maxRetryBackoff();

    /** How long to wait for Kafka to acknowledge one batch. */
    @WithDefault("30s")
    Duration sendTimeout();
}
