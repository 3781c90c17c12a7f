package org.communitypoints.gateway.resilience;

import java.util.concurrent.TimeoutException;

/**
 * A call that timed out on one hung instance while another instance of the service answered. Its caller gets the
 * timeout's 504 as before; the service's circuit breaker does not count it, so one hung instance does not cut the
 * live ones off.
 */
public final class InstanceDidNotAnswer extends TimeoutException implements DownstreamGuards.NotAServiceFailure {

    public InstanceDidNotAnswer(Throwable timeout) {
        super("no answer from the instance, while another instance of the service answered");
        initCause(timeout);
    }
}
