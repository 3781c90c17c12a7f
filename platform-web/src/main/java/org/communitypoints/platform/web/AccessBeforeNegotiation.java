package org.communitypoints.platform.web;

import java.util.Optional;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Authorization before content negotiation: when Quarkus REST refuses a request's Accept (406) or Content-Type
 * (415) while matching it — which happens before the matched method's role check — the caller is first held to
 * that method's roles ({@link ResourceRoles}): no token gives 401, a token without the role 403, and only a caller
 * who may use the endpoint learns that it does not speak the requested format.
 */
public class AccessBeforeNegotiation {

    private final ResourceRoles roles;
    private final CurrentIdentityAssociation identities;

    public AccessBeforeNegotiation(ResourceRoles roles, CurrentIdentityAssociation identities) {
        this.roles = roles;
        this.identities = identities;
    }

    @ServerExceptionMapper
    public Uni<Response> notAcceptable(NotAcceptableException e, ContainerRequestContext request, UriInfo uri,
            HttpHeaders headers) {
        return refuseFirst(e, request, uri, headers);
    }

    @ServerExceptionMapper
    public Uni<Response> notSupported(NotSupportedException e, ContainerRequestContext request, UriInfo uri,
            HttpHeaders headers) {
        return refuseFirst(e, request, uri, headers);
    }

    private Uni<Response> refuseFirst(WebApplicationException e, ContainerRequestContext request, UriInfo uri,
            HttpHeaders headers) {
        Optional<ResourceRoles.Access> access = roles.accessFor(request.getMethod(), uri.getPath());
        if (access.isEmpty()) { // a path given from the server's root: drop the REST root's prefix and ask again
            String full = uri.getRequestUri().getPath();
            String root = uri.getBaseUri().getPath();
            if (full.startsWith(root)) {
                access = roles.accessFor(request.getMethod(), full.substring(root.length()));
            }
        }
        Optional<ResourceRoles.Access> required = access;
        // The identity is resolved lazily (proactive authentication is off): ask for it without blocking.
        return identities.getDeferredIdentity().map(identity -> answer(e, required, identity, uri, headers));
    }

    private static Response answer(WebApplicationException e, Optional<ResourceRoles.Access> access,
            SecurityIdentity identity, UriInfo uri, HttpHeaders headers) {
        String instance = ProblemMappers.path(uri);
        if (access.isPresent() && !access.get().anyone()) {
            if (identity == null || identity.isAnonymous()) {
                return ProblemMappers.unauthenticated(instance, ProblemMappers.locale(headers));
            }
            boolean allowed = access.get().anySignedIn() || access.get().roles().stream().anyMatch(identity::hasRole);
            if (!allowed) {
                return Problems.response(new ProblemException(Status.FORBIDDEN, "FORBIDDEN", "You are not allowed to do this."),
                        instance, ProblemMappers.locale(headers));
            }
        }
        int status = e.getResponse().getStatus();
        return Problems.response(new ProblemException(status, ProblemMappers.codeOf(status),
                Status.fromStatusCode(status).getReasonPhrase(), ProblemMappers.detailOf(status), null), instance,
                ProblemMappers.locale(headers));
    }
}
