package org.communitypoints.gateway.security;

import org.communitypoints.platform.web.CorrelationIdFilter;
import org.communitypoints.platform.web.Problem;
import org.communitypoints.platform.web.Problems;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * problem+json answers written at the Vert.x layer, in the same shape as the JAX-RS mappers' answers and, as theirs,
 * in the caller's language (Chinese unless Accept-Language prefers English; texts from {@link ProblemTexts}).
 */
public final class GatewayResponses {

    private GatewayResponses() {
    }

    /**
     * @param messageKey the catalog key of the detail: the code, or {@code CODE.variant}
     * @param englishDetail the detail when no catalog has the key
     * @param args the pattern's {0}, {1}...; pass numbers meant to be read as they are (seconds, ids) as strings
     */
    public static void problem(RoutingContext ctx, int status, String code, String messageKey, String englishDetail,
            Object... args) {
        if (ctx.response().ended()) {
            return;
        }
        String correlationId = ctx.request().getHeader(CorrelationIdFilter.HEADER);
        if (correlationId != null) {
            ctx.response().putHeader(CorrelationIdFilter.HEADER, correlationId);
        }
        ProblemTexts.Text text = ProblemTexts.of(ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE), status,
                messageKey, englishDetail, args);
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONTENT_LANGUAGE, text.locale().toLanguageTag())
                .end(Problems.json(status, code, text.title(), text.detail(), ctx.request().path()));
    }

    public static void unauthenticated(RoutingContext ctx) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        problem(ctx, 401, "UNAUTHENTICATED", "UNAUTHENTICATED",
                "Please sign in again: the request carried no valid access token.");
    }

    public static void forbidden(RoutingContext ctx) {
        problem(ctx, 403, "FORBIDDEN", "FORBIDDEN", "You are not allowed to do this.");
    }

    public static void tooManyRequests(RoutingContext ctx, long retryAfterSeconds) {
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        problem(ctx, 429, "TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS",
                "Too many requests in a short time. Please wait " + retryAfterSeconds + " seconds and try again.",
                Long.toString(retryAfterSeconds));
    }
}
