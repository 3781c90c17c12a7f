package org.communitypoints.gateway.security;

import org.communitypoints.platform.web.CorrelationIdFilter;
import org.communitypoints.platform.web.Problem;
import org.communitypoints.platform.web.Problems;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** problem+json answers written at the Vert.x layer, in the same shape as the JAX-RS mappers' answers. */
public final class GatewayResponses {

    private GatewayResponses() {
    }

    public static void problem(RoutingContext ctx, int status, String code, String title, String detail) {
        if (ctx.response().ended()) {
            return;
        }
        String correlationId = ctx.request().getHeader(CorrelationIdFilter.HEADER);
        if (correlationId != null) {
            ctx.response().putHeader(CorrelationIdFilter.HEADER, correlationId);
        }
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Problems.json(status, code, title, detail, ctx.request().path()));
    }

    public static void unauthenticated(RoutingContext ctx) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        problem(ctx, 401, "UNAUTHENTICATED", "Unauthorized",
                "Please sign in again: the request carried no valid access token.");
    }

    public static void forbidden(RoutingContext ctx) {
        problem(ctx, 403, "FORBIDDEN", "Forbidden", "You are not allowed to do this.");
    }

    public static void tooManyRequests(RoutingContext ctx, long retryAfterSeconds) {
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        problem(ctx, 429, "TOO_MANY_REQUESTS", "Too Many Requests",
                "Too many requests in a short time. Please wait " + retryAfterSeconds
                        + " seconds and try again.");
    }
}
