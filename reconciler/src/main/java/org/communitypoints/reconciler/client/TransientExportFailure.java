package org.communitypoints.reconciler.client;

/**
 * The gateway asked the caller to slow down (429) or a service was briefly unavailable (502/503/504): worth
 * asking again. Still a {@link CouldNotRunException} once the retries are used up.
 *
 * @see ExportCalls
 */
public class TransientExportFailure extends CouldNotRunException {

    private final long retryAfterMillis;

    public TransientExportFailure(String message, int httpStatus, long retryAfterMillis, Throwable cause) {
        super(message, httpStatus, cause);
        this.retryAfterMillis = retryAfterMillis;
    }

    /** The pause the gateway asked for (its Retry-After), or 0 when it named none. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }
}
