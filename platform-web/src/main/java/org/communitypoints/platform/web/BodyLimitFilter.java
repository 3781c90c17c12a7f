package org.communitypoints.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Refuses an announced oversized body before it is read, with the same problem+json as every other
 * error. (Vert.x still cuts off chunked bodies that grow past the limit, with a bare 413.)
 */
@ApplicationScoped
public class BodyLimitFilter {

    private final long maxBodyBytes;

    public BodyLimitFilter(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize max) {
        this.maxBodyBytes = max.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && exceeds(length)) {
                java.util.Locale locale = ProblemMessages.localeFor(ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
                long kib = maxBodyBytes / 1024;
                String detail = ProblemMessages.text("PAYLOAD_TOO_LARGE.limit", locale, String.valueOf(kib))
                        .orElse("The request body is larger than " + kib + " KiB.");
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(Problems.json(413, "PAYLOAD_TOO_LARGE", ProblemMessages.title(413, locale, "Content Too Large"),
                                detail, ctx.request().path()));
                return;
            }
            ctx.next();
        });
    }

    private boolean exceeds(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
