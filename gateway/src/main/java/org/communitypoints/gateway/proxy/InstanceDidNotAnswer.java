package org.communitypoints.gateway.proxy;

import java.util.concurrent.TimeoutException;

import org.communitypoints.gateway.resilience.DownstreamGuards;

/**
 * A call that timed out on one hung instance while another instance of the service answered. Its caller gets the
 * timeout's 504 as before; the service's circuit breaker does not count it, so one hung instance does not cut the
 * live ones off.
 */
final class InstanceDidNotAnswer extends TimeoutException implements DownstreamGuards.NotAServiceFailure {

    InstanceDidNotAnswer(Throwable timeout) {
        super("no answer from the instance, while another instance of the service answered");
        initCause(timeout);
    }
}
