package org.communitypoints.gateway.security;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.communitypoints.gateway.config.GatewayConfig;
import org.communitypoints.gateway.home.HomeViews;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.CorrelationIdFilter;
import org.communitypoints.platform.web.Roles;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The door of the public API, in front of both the proxied services and the gateway's own endpoints:
 * a correlation id on every request, a valid access token (issuer, audience, expiry and signature
 * checked by quarkus-oidc, once per token: platform-web's VerifiedTokens), the coarse role rule of the path, and the caller's
 * rate limit. Each
 * refusal is problem+json. The services check the forwarded token again and decide per endpoint. A request for a
 * redemption leaves with the gateway's signed receipt of it ({@link RedemptionReceipts}), and no other receipt passes.
 */
@ApplicationScoped
public class ApiGuard {

    /** The gateway's own "my home" endpoint, for residents only. */
    public static final String HOME_PATH = "/api/home";
    /** The routing-context key under which the guard leaves the downstream name for the proxy. */
    public static final String DOWNSTREAM_KEY = "gateway.downstream";

    private static final Logger LOG = Logger.getLogger(ApiGuard.class);
    private static final Pattern SAFE_CORRELATION_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Every data service's dead letters (platform-data's DeadLetterResource): for operators, and only them. */
    private static final Pattern DEAD_LETTERS = Pattern.compile("/api/[^/]+/dead-letters(/.*)?");
    private static final String OPERATOR = "operator";
    /** The last reconciliation's result (points-service): the service's own roles, and the operator who runs it. */
    private static final String RECONCILIATION_RESULT = "/api/points/reconciliation-runs/latest";
    /**
     * What anyone may read without an account: the deployment's public seal key and the page that verifies a points
     * proof in the browser (points-service README "Hash chain, seals and proofs"). A verifier must not need to be a
     * resident; both are public by nature and rate-limited by address like any anonymous caller.
     */
    static final Set<String> PUBLIC_PATHS = Set.of("/api/points/seal-key", "/api/points/verify");
    /** The well-known address of the seal key, answered from points-service's {@code /api/points/seal-key}. */
    public static final String SEAL_KEY_PATH = "/.well-known/community-points-seal-key";

    /** The resident a proxy acts for, as the services read it (platform-data's OnBehalfOfFilter). */
    private static final String ON_BEHALF_OF = "On-Behalf-Of";

    private final GatewayConfig config;
    private final RateLimiter rateLimiter;
    private final HomeViews homeViews;
    private final RedemptionReceipts redemptionReceipts;

    public ApiGuard(GatewayConfig config, RateLimiter rateLimiter, HomeViews homeViews,
            RedemptionReceipts redemptionReceipts) {
        this.config = config;
        this.rateLimiter = rateLimiter;
        this.homeViews = homeViews;
        this.redemptionReceipts = redemptionReceipts;
    }

    void install(@Observes Router router) {
        // The refusals' texts are read from the catalogs here, at start-up, not on the event loop at the first one.
        ProblemTexts.load();
        // Before the JAX-RS endpoints and the proxy routes (default order), after Quarkus's CORS and auth set-up.
        router.route("/api/*").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::guard);
        router.get(SEAL_KEY_PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(ctx -> ctx.reroute("/api/points/seal-key"));
    }

    void guard(RoutingContext ctx) {
        // Before anything else, on every path and whether or not the request is admitted: a receipt or redemption id
        // reaches a service only as the gateway made it.
        RedemptionReceipts.dropCallersOwn(ctx.request());
        String correlationId = correlationIdOf(ctx);
        MDC.put(CorrelationIdFilter.MDC_KEY, correlationId);
        // CORS preflights never get here: Quarkus's CORS filter answers them first, without a token.
        if (ctx.request().method() == HttpMethod.GET && PUBLIC_PATHS.contains(ctx.normalizedPath())) {
            admitPublic(ctx);
            return;
        }
        if (ctx.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
            refuseAnonymous(ctx);
            return;
        }
        Uni<SecurityIdentity> deferred = ctx.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        if (deferred == null) {
            LOG.error("No deferred identity on the routing context: is quarkus-oidc installed?");
            // the correlation id is the error id: the line above is logged under it
            GatewayResponses.problem(ctx, 500, "INTERNAL_ERROR", "INTERNAL_ERROR",
                    "Something went wrong on our side. Please try again later (error id " + correlationId + ").",
                    correlationId);
            return;
        }
        // Quarkus calls this handler when the token is refused, instead of its own bare 401 challenge.
        ctx.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, (BiConsumer<RoutingContext, Throwable>) (failed, failure) -> {
            LOG.debugf("Token refused on %s: %s", failed.request().path(), failure.getMessage());
            refuseAnonymous(failed);
        });
        deferred.subscribe().with(identity -> admit(ctx, identity), failure -> refuseAnonymous(ctx));
    }

    private static Set<String> rolesFor(String path, Set<String> downstreamRoles) {
        if (DEAD_LETTERS.matcher(path).matches()) {
            return Set.of(OPERATOR);
        }
        if (path.equals(RECONCILIATION_RESULT)) {
            Set<String> roles = new HashSet<>(downstreamRoles);
            roles.add(OPERATOR);
            return roles;
        }
        return downstreamRoles;
    }

    private void admit(RoutingContext ctx, SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            refuseAnonymous(ctx);
            return;
        }
        String path = ctx.normalizedPath();
        Optional<String> downstream = config.downstreamFor(path);
        Set<String> allowed = downstream.map(name -> rolesFor(path, config.downstreams().get(name).roles()))
                .orElse(path.equals(HOME_PATH) ? Set.of(Roles.RESIDENT) : null);
        if (allowed != null && allowed.stream().noneMatch(identity::hasRole)) {
            GatewayResponses.forbidden(ctx);
            return;
        }
        boolean exempt = config.rateLimit().exemptRoles().stream().anyMatch(identity::hasRole);
        long wait = exempt ? 0 : rateLimiter.acquire("user:" + subjectOf(identity));
        if (wait > 0) {
            GatewayResponses.tooManyRequests(ctx, wait);
            return;
        }
        downstream.ifPresent(name -> ctx.put(DOWNSTREAM_KEY, name));
        redemptionReceipts.attachIfRedemption(ctx.request(), path, subjectOf(identity), ctx.request().getHeader(ON_BEHALF_OF));
        if (!isRead(ctx.request().method())) {
            forgetHomeViewsOnceAnswered(ctx, identity);
        }
        ctx.next();
    }

    private static boolean isRead(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
    }

    /**
     * A change may touch the caller's "my home", or that of the resident a proxy acts for: their kept views are
     * forgotten once the change is answered (whatever the answer), so the next screen shows it.
     */
    private void forgetHomeViewsOnceAnswered(RoutingContext ctx, SecurityIdentity identity) {
        String communityId = Caller.claimText(identity.getPrincipal(), Caller.COMMUNITY_CLAIM);
        if (communityId == null) {
            return;
        }
        String caller = subjectOf(identity);
        String actedFor = ctx.request().getHeader(ON_BEHALF_OF);
        ctx.addEndHandler(answered -> {
            homeViews.forget(HomeViews.keyOf(communityId, caller));
            if (actedFor != null) {
                homeViews.forget(HomeViews.keyOf(communityId, actedFor.strip()));
            }
        });
    }

    /** A public path: no token needed (one sent along is not looked at); limited by address. */
    private void admitPublic(RoutingContext ctx) {
        long wait = rateLimiter.acquire("ip:" + ctx.request().remoteAddress().hostAddress());
        if (wait > 0) {
            GatewayResponses.tooManyRequests(ctx, wait);
            return;
        }
        config.downstreamFor(ctx.normalizedPath()).ifPresent(name -> ctx.put(DOWNSTREAM_KEY, name));
        ctx.next();
    }

    /** Unknown callers are limited by address, so guessing tokens costs the guesser, not the services. */
    private void refuseAnonymous(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            return;
        }
        long wait = rateLimiter.acquire("ip:" + ctx.request().remoteAddress().hostAddress());
        if (wait > 0) {
            GatewayResponses.tooManyRequests(ctx, wait);
        } else {
            GatewayResponses.unauthenticated(ctx);
        }
    }

    private static String subjectOf(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null) {
            return token.getSubject();
        }
        return identity.getPrincipal().getName();
    }

    /**
     * The caller's correlation id if it is safe to log, else a new one, written back into the request
     * so that the JAX-RS endpoints, the proxy and the services all see the same id.
     */
    static String correlationIdOf(RoutingContext ctx) {
        String given = ctx.request().getHeader(CorrelationIdFilter.HEADER);
        if (given != null && SAFE_CORRELATION_ID.matcher(given).matches()) {
            return given;
        }
        String made = UUID.randomUUID().toString();
        ctx.request().headers().set(CorrelationIdFilter.HEADER, made);
        return made;
    }
}
