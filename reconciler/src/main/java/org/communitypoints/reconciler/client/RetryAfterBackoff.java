package org.communitypoints.reconciler.client;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

/**
 * Waits as long as the gateway's Retry-After says when it said so; otherwise doubles the pause from the
 * retry's initial delay (1 s, 2 s, 4 s...), up to a minute. One instance per call.
 */
public class RetryAfterBackoff implements CustomBackoffStrategy {

    private static final long LONGEST_MILLIS = 60_000;

    private long next;

    @Override
    public void init(long initialDelayInMillis) {
        next = initialDelayInMillis;
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        if (cause instanceof TransientExportFailure failure && failure.retryAfterMillis() > 0) {
            return Math.min(failure.retryAfterMillis(), LONGEST_MILLIS);
        }
        long delay = next;
        next = Math.min(next * 2, LONGEST_MILLIS);
        return delay;
    }
}
