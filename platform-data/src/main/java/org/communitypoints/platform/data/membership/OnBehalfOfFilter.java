package org.communitypoints.platform.data.membership;

import java.time.Instant;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.arc.properties.IfBuildProperty;

/**
 * Resolves {@value #HEADER} once per request, after the role check (Quarkus REST decides {@code @RolesAllowed} right
 * after matching, before post-matching filters) and before the body is read: on a method marked
 * {@link ActsOnBehalf}, the caller must hold a standing grant from that resident for the method's scope in this
 * service's copy of the registry (not revoked, not expired), else 403 PROXY_NOT_ALLOWED; on any other method the
 * header is refused (400 ON_BEHALF_NOT_ACCEPTED). The outcome is {@link Acting}.
 */
@IfBuildProperty(name = Membership.ENABLED, stringValue = "true")
public class OnBehalfOfFilter {

    public static final String HEADER = "On-Behalf-Of";
    /** Member ids are OIDC subjects: printable, at most this long. */
    private static final int MAX_ID_LENGTH = 100;

    private final Membership membership;
    private final Caller caller;
    private final Acting acting;

    public OnBehalfOfFilter(Membership membership, Caller caller, Acting acting) {
        this.membership = membership;
        this.caller = caller;
        this.acting = acting;
    }

    @ServerRequestFilter
    public void resolve(ContainerRequestContext request, ResourceInfo resource) {
        String memberId = request.getHeaderString(HEADER);
        if (memberId == null) {
            return;
        }
        memberId = memberId.strip();
        ActsOnBehalf accepts = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(ActsOnBehalf.class);
        if (accepts == null) {
            throw ProblemException.badRequest("ON_BEHALF_NOT_ACCEPTED",
                    "This cannot be done on behalf of someone else: send the request without " + HEADER + ".")
                    .withArgs(HEADER);
        }
        if (memberId.isEmpty() || memberId.length() > MAX_ID_LENGTH) {
            throw ProblemException.badRequest("INVALID_ON_BEHALF_OF",
                    HEADER + " must be the id of the resident you act for.").withArgs(HEADER);
        }
        if (memberId.equals(caller.id())) {
            return; // acting for oneself needs no grant
        }
        if (!membership.mayActFor(caller.communityId(), caller.id(), memberId, accepts.value(), Instant.now())) {
            throw ProblemException.forbidden("PROXY_NOT_ALLOWED", "You have no standing authorisation to do this for "
                    + memberId + " (it may not cover this, have expired or been revoked).")
                    .withArgs(memberId);
        }
        acting.onBehalfOf(memberId);
    }
}
