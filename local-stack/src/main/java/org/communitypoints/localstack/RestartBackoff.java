package org.communitypoints.localstack;

import java.time.Duration;

/**
 * When to restart a service that died: 1 s, 2 s, 4 s … doubling up to a cap, so a service that cannot
 * start (its database is down, a bad setting) does not keep two cores busy with JVM starts. A service
 * that stayed ready for a while before it died starts the schedule over: that was a new fault, not the
 * same one again.
 */
public final class RestartBackoff {

    /** The launcher's schedule: 1 s doubling to 30 s, reset after a minute of readiness. */
    public static final RestartBackoff DEFAULT = new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofSeconds(60));

    private final Duration first;
    private final Duration cap;
    private final Duration stableAfter;

    public RestartBackoff(Duration first, Duration cap, Duration stableAfter) {
        this.first = first;
        this.cap = cap;
        this.stableAfter = stableAfter;
    }

    /**
     * The next restart after an exit.
     *
     * @param previousAttempt the attempt number of the restart before (0: none since the last reset)
     * @param readyFor how long the process that just died had been ready; null if it never got ready
     */
    public Restart next(int previousAttempt, Duration readyFor) {
        boolean stable = readyFor != null && readyFor.compareTo(stableAfter) >= 0;
        int attempt = stable ? 1 : previousAttempt + 1;
        return new Restart(attempt, delay(attempt));
    }

    /** The wait before restart number {@code attempt} (1-based). */
    public Duration delay(int attempt) {
        Duration delay = first;
        for (int i = 1; i < attempt && delay.compareTo(cap) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    /** Restart number {@code attempt} since the last reset, after waiting {@code delay}. */
    public record Restart(int attempt, Duration delay) {
    }
}
