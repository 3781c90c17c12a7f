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

    /** How long to wait before trying again after Kafka refused or timed out. */
    @WithDefault("2s")
    Duration retryBackoff();

    /** How long to wait for Kafka to acknowledge one batch. */
    @WithDefault("30s")
    Duration sendTimeout();
}
