package org.communitypoints.reconciler.client;

/** The run cannot reach a verdict: no token, no gateway, an export refusing or answering nonsense. */
public class CouldNotRunException extends RuntimeException {

    private final int httpStatus;

    public CouldNotRunException(String message, Throwable cause) {
        this(message, 0, cause);
    }

    public CouldNotRunException(String message) {
        this(message, 0, null);
    }

    public CouldNotRunException(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status an export answered with, or 0 when the request got no answer. */
    public int httpStatus() {
        return httpStatus;
    }
}
