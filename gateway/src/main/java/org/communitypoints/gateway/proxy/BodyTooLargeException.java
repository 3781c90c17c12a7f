package org.communitypoints.gateway.proxy;

import org.communitypoints.gateway.resilience.DownstreamGuards;

/** The caller sent more than the gateway accepts; nothing to hold against the service. */
final class BodyTooLargeException extends RuntimeException implements DownstreamGuards.NotAServiceFailure {

    private final long maxBytes;

    BodyTooLargeException(long maxBytes) {
        super("Request body larger than " + maxBytes + " bytes", null, false, false);
        this.maxBytes = maxBytes;
    }

    long maxBytes() {
        return maxBytes;
    }
}
