package org.communitypoints.reconciler.client;

/** The run cannot reach a verdict: no token, no gateway, an export refusing or answering nonsense. */
public class CouldNotRunException extends RuntimeException {

    public CouldNotRunException(String message, Throwable cause) {
        super(message, cause);
    }

    public CouldNotRunException(String message) {
        super(message);
    }
}
