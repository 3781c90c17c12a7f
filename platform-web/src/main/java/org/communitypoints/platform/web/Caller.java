package org.communitypoints.platform.web;

import java.security.Principal;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling, read from the verified access token only: a resident's id, community and a
 * partner's id never come from the URL or the body.
 */
@RequestScoped
public class Caller {

    /** Claim with the community the user belongs to (put there by the identity provider's mapper). */
    public static final String COMMUNITY_CLAIM = "community";
    /** Claim with the partner a partner's staff member works for. */
    public static final String PARTNER_CLAIM = "partner";

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public Caller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    /** The subject of the token: the resident's (or worker's) stable id. */
    public String id() {
        return token.getSubject();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** @throws ProblemException 403 NO_COMMUNITY when the token names none */
    public String communityId() {
        return Optional.ofNullable(claimText(identity.getPrincipal(), COMMUNITY_CLAIM))
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> ProblemException.forbidden("NO_COMMUNITY",
                        "Your account is not linked to a community yet. Please ask your community office."));
    }

    /** @throws ProblemException 403 NO_PARTNER when the token names none */
    public String partnerId() {
        return Optional.ofNullable(claimText(identity.getPrincipal(), PARTNER_CLAIM))
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> ProblemException.forbidden("NO_PARTNER",
                        "Your account is not linked to a community partner."));
    }

    /**
     * A claim of the caller's verified token as text, or null when the token has none (or the caller has no token).
     * Read from the claims quarkus-oidc verified, not through {@link JsonWebToken#getClaim}: for a name outside the
     * standard claims (community, partner) smallrye-jwt's look-up of the name creates an exception with its stack
     * trace and catches it, on every call (about 400 a second in the gateway at 200 redemptions a second).
     */
    public static String claimText(Principal principal, String name) {
        Object value;
        if (principal instanceof OidcJwtCallerPrincipal verified) {
            value = verified.getClaims().getClaimValue(name);
        } else if (principal instanceof JsonWebToken jwt) {
            value = jwt.getClaim(name);
        } else {
            value = null;
        }
        return value == null ? null : value.toString();
    }

    /**
     * Refuses a community other than the caller's own. 404, not 403: another community's ids are
     * not confirmed to exist.
     */
    public void requireCommunity(String communityId) {
        if (!communityId().equals(communityId)) {
            throw ProblemException.notFound("NOT_FOUND", "There is nothing at this address.");
        }
    }
}
