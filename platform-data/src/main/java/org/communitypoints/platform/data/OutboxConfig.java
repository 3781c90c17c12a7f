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

    /**
     * How many slots the outbox rows are spread over by a hash of their key ({@link OutboxSlots}); a relay claims
     * whole slots, so this bounds how many instances can relay side by side. Many more than the instances a
     * service runs, so the work spreads; few enough that an idle relay's look at the outbox stays one short
     * query. Every instance of a service must use the same number while any of them runs: with two numbers one
     * key would fall in two slots and two relays could send its events side by side.
     */
    @WithDefault("64")
    int slots();

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
