package org.communitypoints.platform.data;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How long {@link BookkeepingRetention} keeps the records that make retries and redeliveries safe. A window shorter
 * than the database's floor (14 days for processed-event marks, 7 for Idempotency-Key answers, V0_4) is raised to
 * it there, whatever is set here.
 */
@ConfigMapping(prefix = "platform.retention")
public interface RetentionConfig {

    /** Forget old records at all; off only where a test or a tool needs every record kept. */
    @WithDefault("true")
    boolean enabled();

    /** How often each instance looks for records past their window. */
    @WithDefault("1h")
    Duration every();

    /**
     * When an instance first looks, after its start; also the first run of points-service's hold answers' job. Not a
     * whole interval: instances replaced more often than that (a rollout a day, a scaling autoscaler) never looked.
     * Not at once either: a start is busy enough with its migrations and its first callers.
     */
    @WithDefault("10m")
    Duration firstAfter();

    /**
     * How long a processed-event mark is kept: a redelivery of the event after that would be applied again. Far
     * beyond Kafka's retention of the events themselves (7 days).
     */
    @WithDefault("30d")
    Duration processedEvents();

    /**
     * How long an Idempotency-Key's first answer is kept: a retry under the key after that is a new request (a second
     * redemption, a second shift record). Far beyond any retry of a client.
     */
    @WithDefault("30d")
    Duration idempotencyRecords();

    /** Records forgotten per statement: each is a short transaction, so a backlog never holds locks for long. */
    @WithDefault("5000")
    int batchSize();
}
