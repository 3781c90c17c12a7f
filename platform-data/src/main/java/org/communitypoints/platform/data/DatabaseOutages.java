package org.communitypoints.platform.data;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.platform.web.OutageClassifier;

/**
 * An API request that failed because PostgreSQL (or the broker) is away is an outage, not a bug: the same line
 * {@link TransientFailures} draws for the consumers, so a request is answered 503 exactly when a consumer would
 * have retried the same failure instead of dead-lettering it.
 */
@ApplicationScoped
public class DatabaseOutages implements OutageClassifier {

    @Override
    public boolean isOutage(Throwable failure) {
        return TransientFailures.isTransient(failure);
    }
}
