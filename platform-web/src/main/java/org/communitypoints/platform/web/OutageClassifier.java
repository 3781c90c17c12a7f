package org.communitypoints.platform.web;

/**
 * Tells an outage of something a service depends on (its database, the broker) from a bug. An unexpected failure
 * that is an outage is answered 503 with Retry-After and a polite text instead of 500 with an error id: the
 * caller did nothing wrong and the same request will work in a moment, which is what a grid worker's phone and the
 * gateway's circuit breaker need to know.
 *
 * <p>
 * platform-web only asks; the answer lives with the failure classification in platform-data, so that the
 * consumers' retry-or-dead-letter decision and the API's 503-or-500 decision draw the line in the same place.
 * Without an implementation every unexpected failure is a 500.
 */
public interface OutageClassifier {

    boolean isOutage(Throwable failure);
}
