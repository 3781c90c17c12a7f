package org.communitypoints.platform.data.membership;

/**
 * The service's copy of the registry does not (yet) hold what another service acted on: a proxy's grant or a
 * household's category that catalog-service found in its own copy a moment ago. Each copy follows the registry's
 * topic on its own, so one may be a little behind the other; the work is tried again (a transient failure, see
 * {@code TransientFailures}) until the copy catches up or the request is old enough that a copy still without it
 * means it was never in the registry, and the request is refused.
 */
public class RegistryCopyBehind extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RegistryCopyBehind(String message) {
        super(message, null, false, false);
    }
}
