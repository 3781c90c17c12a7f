package org.communitypoints.gateway.proxy;

import io.vertx.httpproxy.ProxyResponse;

/**
 * A service answered with a 5xx: counted as a failure by its circuit breaker, yet its answer
 * (problem+json with the service's error id) is passed on to the caller unchanged.
 */
final class ServiceErrorResponse extends RuntimeException {

    private final transient ProxyResponse response;

    ServiceErrorResponse(ProxyResponse response) {
        super("Service answered " + response.getStatusCode(), null, false, false);
        this.response = response;
    }

    ProxyResponse response() {
        return response;
    }
}
