package org.communitypoints.gateway.proxy;

import org.communitypoints.gateway.resilience.DownstreamGuards;

/**
 * The caller closed its connection before the service's answer could reach it, so the proxy gave up the
 * call. Says nothing about the service: a load test cut short or a phone losing its signal must not open
 * the breaker for everyone.
 */
final class ClientWentAway extends RuntimeException implements DownstreamGuards.NotAServiceFailure {

    ClientWentAway(Throwable cause) {
        super("The caller closed the connection", cause, false, false);
    }
}
