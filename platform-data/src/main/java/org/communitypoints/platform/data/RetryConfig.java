package org.communitypoints.platform.data;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the shared {@link Retrying} bean waits out a transient failure. The defaults suit work done for a
 * Kafka record or a request: a deadlock or a failover passes within seconds, and a record that still fails
 * after that should reach its dead-letter topic rather than block its partition for minutes.
 */
@ConfigMapping(prefix = "platform.retry")
public interface RetryConfig {

    /** The pause before the first retry; it doubles after each further failure. */
    @WithDefault("200ms")
    Duration initialDelay();

    /** The longest pause between two attempts, however many failed before. */
    @WithDefault("5s")
    Duration maxDelay();

    /**
     * Attempts in all, the first included; {@code -1} retries for as long as the failure lasts (only for a
     * loop that has nothing better to do, such as a relay, and that stops on shutdown).
     */
    @WithDefault("5")
    int maxAttempts();
}
