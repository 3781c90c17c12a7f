package org.communitypoints.platform.web.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Bearer tokens already verified, so that the same token is not verified again on every request. quarkus-oidc
 * checks a token's signature, issuer, audience and expiry and builds the caller's identity from its claims on
 * every request; a resident's mini-program sends the same token for its whole life (15 minutes), and that check
 * was the largest single cost of a proxied read in the gateway (41 % of its CPU) and a fifth of catalog-service's
 * CPU in the redemption saga (docs/benchmarks.md). A token that passed is remembered here with the identity
 * quarkus-oidc built for it, until it expires or {@link VerifiedTokensConfig#maxAge()} passes, whichever is first;
 * the next request with exactly the same token text gets that identity without the check.
 *
 * <p>
 * Only what passed is remembered: a refused token is checked in full every time it comes back, so nobody makes a
 * false token cheaper by repeating it. The key is the whole token text, so only the very token that was verified
 * matches. What is remembered is the identity before augmentation (the gateway's and the services' own augmentors
 * run on every request as before), without the request it came with. The suite has one token issuer and no
 * per-request token rules (no DPoP, no certificate binding), so a token's verdict does not depend on the request
 * that carries it.
 *
 * <p>
 * Two parts: {@link KnownTokens}, an authentication mechanism asked before quarkus-oidc's, takes a request whose
 * bearer token is remembered and passes every other one on to quarkus-oidc; {@link Remember}, the first augmentor to
 * see a new identity, stores what quarkus-oidc verified.
 */
@ApplicationScoped
public class VerifiedTokens {

    private final Cache<String, Verified> verified;
    private final boolean enabled;

    public VerifiedTokens(VerifiedTokensConfig config) {
        this.enabled = config.maxSize() > 0;
        Duration maxAge = config.maxAge();
        this.verified = Caffeine.newBuilder().maximumSize(Math.max(config.maxSize(), 0))
                .expireAfter(Expiry.<String, Verified> creating((token, entry) -> entry.lifetime(maxAge))).build();
    }

    /** A verified token's identity, without the request it came with, and when the token expires. */
    record Verified(SecurityIdentity identity, Instant expiresAt) {

        Duration lifetime(Duration maxAge) {
            Duration untilExpiry = Duration.between(Instant.now(), expiresAt);
            return untilExpiry.isNegative() ? Duration.ZERO : untilExpiry.compareTo(maxAge) < 0 ? untilExpiry : maxAge;
        }

        boolean stillValid() {
            return Instant.now().isBefore(expiresAt);
        }
    }

    /** The identity a token was verified as, for this request; null when the token is not (or no longer) known. */
    SecurityIdentity identityFor(String token, RoutingContext request) {
        Verified entry = enabled ? verified.getIfPresent(token) : null;
        if (entry == null || !entry.stillValid()) {
            return null;
        }
        return withRequest(entry.identity(), request);
    }

    /** Remembers a token quarkus-oidc has just verified (a token without an expiry is never remembered). */
    void remember(SecurityIdentity identity) {
        if (!enabled || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return;
        }
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (credential == null || credential.isOpaque() || credential.getToken() == null
                || jwt.getExpirationTime() <= 0 || verified.getIfPresent(credential.getToken()) != null) {
            return;
        }
        Verified entry = new Verified(withRequest(identity, null), Instant.ofEpochSecond(jwt.getExpirationTime()));
        if (entry.stillValid()) {
            verified.asMap().putIfAbsent(credential.getToken(), entry);
        }
    }

    /** How many tokens are remembered now (for tests and figures). */
    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    /**
     * The identity with this request's routing context in the attributes quarkus-oidc puts it in, or none: some of
     * Quarkus's checks read the current request from the identity, and a remembered identity must not keep an old
     * request alive.
     */
    private static SecurityIdentity withRequest(SecurityIdentity identity, RoutingContext request) {
        return QuarkusSecurityIdentity.builder(identity).addAttribute(RoutingContext.class.getName(), request)
                .addAttribute(AuthenticationRequestContext.class.getName(),
                        request == null ? null : request.get(AuthenticationRequestContext.class.getName()))
                .build();
    }

    /**
     * Asked before quarkus-oidc's mechanism, which reads a token before any identity provider is asked (its payload
     * decoded as JSON to tell an opaque token from a JWT, its tenant resolved): with the token remembered, that was
     * still a fifth of the gateway's CPU per proxied read (docs/benchmarks.md). A request whose bearer token is
     * remembered is authenticated here, through the identity provider manager, so the augmentors run as for any
     * other; every other request (no bearer token, or one not remembered) is passed on (null) to quarkus-oidc, which
     * checks it in full. It never challenges: 401s are quarkus-oidc's.
     */
    @ApplicationScoped
    public static class KnownTokens implements HttpAuthenticationMechanism {

        private static final String BEARER = "Bearer ";

        private final VerifiedTokens tokens;

        public KnownTokens(VerifiedTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
            String token = bearerToken(context.request().getHeader(HttpHeaders.AUTHORIZATION));
            SecurityIdentity known = token == null ? null : tokens.identityFor(token, context);
            if (known == null) {
                return Uni.createFrom().nullItem();
            }
            return identityProviderManager.authenticate(
                    HttpSecurityUtils.setRoutingContextAttribute(new KnownTokenRequest(known), context));
        }

        /** The token of {@code Authorization: Bearer <token>} (the scheme in any case, as RFC 7235 has it), or null. */
        static String bearerToken(String authorization) {
            if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return null;
            }
            String token = authorization.substring(BEARER.length()).strip();
            return token.isEmpty() ? null : token;
        }

        @Override
        public Uni<ChallengeData> getChallenge(RoutingContext context) {
            return Uni.createFrom().nullItem();
        }

        @Override
        public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
            return Set.of(KnownTokenRequest.class);
        }

        @Override
        public int getPriority() {
            // quarkus-oidc's is DEFAULT_PRIORITY + 1
            return DEFAULT_PRIORITY + 100;
        }
    }

    /** A request whose token {@link KnownTokens} found remembered, with the identity it was verified as. */
    public static final class KnownTokenRequest extends BaseAuthenticationRequest {

        private final SecurityIdentity identity;

        KnownTokenRequest(SecurityIdentity identity) {
            this.identity = identity;
        }
    }

    /** Answers a {@link KnownTokenRequest} with the identity found for it. */
    @ApplicationScoped
    public static class KnownTokenProvider implements IdentityProvider<KnownTokenRequest> {

        @Override
        public Class<KnownTokenRequest> getRequestType() {
            return KnownTokenRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(KnownTokenRequest request, AuthenticationRequestContext context) {
            return Uni.createFrom().item(request.identity);
        }
    }

    /**
     * The first augmentor to run, so it sees the identity exactly as the provider gave it. It runs after every
     * successful authentication, from the cache too, where it finds the token known and leaves the entry as it is.
     */
    @ApplicationScoped
    public static class Remember implements SecurityIdentityAugmentor {

        private final VerifiedTokens tokens;

        public Remember(VerifiedTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public int priority() {
            return Integer.MAX_VALUE;
        }

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
            tokens.remember(identity);
            return Uni.createFrom().item(identity);
        }
    }
}
